import type { EditorPrompt, EditorVersion } from '@promptnx/schema';
import type { LinksFunction, MetaFunction } from '@remix-run/node';
import {
  Form,
  isRouteErrorResponse,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRouteError,
} from '@remix-run/react';
import { AssetGallery } from '../components/asset-gallery';
import { AssetUploader } from '../components/asset-uploader';
import { CsrfInput } from '../components/csrf-input';
import { FormError, Notice } from '../components/form-fields';
import { ListingForm } from '../components/listing-form';
import editorStyles from '../components/prompt-editor.css?url';
import { PromptStatusBadge, VersionStatusBadge } from '../components/prompt-status-badge';
import { VersionForm } from '../components/version-form';
import { VersionView } from '../components/version-view';
import { privateHeaders } from '../lib/cache-headers';
import { dateLabel, modelLabel, priceLabel, promptPath } from '../lib/catalog';
import { listingValuesOf, versionValuesOf } from '../lib/prompt-form';
import { assetsPath } from '../lib/seller-prompts';
import type { action, EditorActionData, loader } from './sell_.prompts.$id.server';

export { action, loader } from './sell_.prompts.$id.server';
export const headers = privateHeaders;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: editorStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Edit “${data.prompt.title}” — PromptNX` : 'Prompt editor — PromptNX' },
  {
    name: 'description',
    content: 'Edit your prompt: its listing, versions with their template, and example outputs.',
  },
  { name: 'robots', content: 'noindex' },
];

export function ErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const unavailable = isRouteErrorResponse(error) && error.status === 503;
  return (
    <section className="error-page" aria-labelledby="error-title" data-testid="error-page">
      <h1 id="error-title">
        {notFound
          ? 'Prompt not found'
          : unavailable
            ? 'Your prompts are unavailable right now'
            : 'Something went wrong'}
      </h1>
      <p>
        {notFound
          ? 'There is no prompt of yours at this address.'
          : 'Please try again in a few moments.'}
      </p>
      <p>
        <Link to="/sell/prompts">Back to your prompts</Link>
      </p>
    </section>
  );
}

/** The post of this form is on its way. */
function usePending(intent: string, target?: string) {
  const navigation = useNavigation();
  const form = navigation.formData;
  if (navigation.state !== 'submitting' || !form) return false;
  if (form.get('intent') !== intent) return false;
  return target === undefined || form.get('versionId') === target;
}

export default function PromptEditorPage() {
  const { prompt, categories, notice, uploadError } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as EditorActionData | undefined;
  const savingListing = usePending('update-listing');
  const published = prompt.status === 'published' || prompt.publishedAt !== null;
  const assetErrors =
    result?.intent === 'update-asset' && result.target && result.errors.altText
      ? { [result.target]: result.errors.altText }
      : {};

  return (
    <article className="editor" aria-labelledby="editor-title">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/sell">Sell</Link>
          </li>
          <li>
            <Link to="/sell/prompts">Your prompts</Link>
          </li>
          <li aria-current="page">{prompt.title}</li>
        </ol>
      </nav>

      <header className="editor-head">
        <div>
          <h1 id="editor-title">{prompt.title}</h1>
          <p className="editor-facts">
            <PromptStatusBadge status={prompt.status} />
            <span>{priceLabel(prompt.price)}</span>
            <span>{prompt.category.name}</span>
            <span>{modelLabel(prompt.targetModel)}</span>
            <span className="muted">Updated {dateLabel(prompt.updatedAt)}</span>
          </p>
        </div>
        {published ? (
          <Link to={promptPath(prompt)} className="button button-secondary">
            View public page
          </Link>
        ) : null}
      </header>

      {result ? null : <Notice>{notice}</Notice>}
      <StatusNote prompt={prompt} />

      <div className="editor-layout">
        <div className="editor-main">
          <section className="panel" aria-labelledby="listing-title" id="listing">
            <h2 id="listing-title">Listing</h2>
            {prompt.can.edit ? (
              <>
                <FormError>
                  {result?.intent === 'update-listing' ? result.formError : null}
                </FormError>
                <ListingForm
                  values={
                    result?.intent === 'update-listing' && result.listing
                      ? result.listing
                      : listingValuesOf(prompt)
                  }
                  errors={result?.intent === 'update-listing' ? result.errors : {}}
                  categories={categories}
                  intent="update-listing"
                  submitLabel="Save listing"
                  busy={savingListing}
                />
              </>
            ) : (
              <ListingView prompt={prompt} />
            )}
          </section>

          <section className="panel" aria-labelledby="versions-title" id="versions">
            <h2 id="versions-title">Versions</h2>
            {prompt.versions.length === 0 ? (
              <p className="muted">
                No version yet. A version holds the template buyers unlock; write the first one
                below.
              </p>
            ) : (
              <ol className="editor-versions">
                {prompt.versions.map((version, index) => (
                  <EditorVersionItem
                    key={version.id}
                    version={version}
                    result={result}
                    editable={prompt.can.edit}
                    latest={index === prompt.versions.length - 1}
                  />
                ))}
              </ol>
            )}
          </section>

          {prompt.can.addVersion ? <AddVersion prompt={prompt} result={result} /> : null}

          <section className="panel" aria-labelledby="examples-title" id="examples">
            <h2 id="examples-title">Example outputs</h2>
            <FormError>
              {result?.intent === 'delete-asset' ||
              (result?.intent === 'update-asset' && !result.errors.altText)
                ? result.formError
                : null}
            </FormError>
            <AssetGallery
              assets={prompt.assets}
              versions={prompt.versions}
              editable={prompt.can.edit}
              errors={assetErrors}
            />
            {prompt.can.edit ? (
              <AssetUploader
                action={assetsPath(prompt.id)}
                versions={prompt.versions}
                assetCount={prompt.assets.length}
                serverError={uploadError}
              />
            ) : null}
          </section>
        </div>

        <aside className="editor-aside" aria-label="Review and publishing">
          <ReviewPanel prompt={prompt} result={result} />
        </aside>
      </div>
    </article>
  );
}

function StatusNote({ prompt }: { prompt: EditorPrompt }) {
  if (prompt.status === 'rejected') {
    return (
      <div className="alert alert-error" role="alert" data-testid="rejected-note">
        <p>
          <strong>Not approved.</strong>{' '}
          {prompt.rejectionReason ? `The moderator wrote: ${prompt.rejectionReason}` : null}
        </p>
        <p>Change what they asked for, then submit it again.</p>
      </div>
    );
  }
  if (prompt.status === 'pending_review') {
    return (
      <div className="alert" data-testid="review-note">
        <p>
          <strong>In review.</strong> A moderator is looking at it; it cannot be changed meanwhile.
        </p>
      </div>
    );
  }
  return null;
}

function ListingView({ prompt }: { prompt: EditorPrompt }) {
  return (
    <dl className="facts">
      <dt>Title</dt>
      <dd>{prompt.title}</dd>
      <dt>Description</dt>
      <dd className="prewrap">{prompt.description || '—'}</dd>
      <dt>Category</dt>
      <dd>{prompt.category.name}</dd>
      <dt>Target model</dt>
      <dd>{modelLabel(prompt.targetModel)}</dd>
      <dt>Tags</dt>
      <dd>{prompt.tags.length > 0 ? prompt.tags.join(', ') : '—'}</dd>
      <dt>Price</dt>
      <dd>{priceLabel(prompt.price)}</dd>
    </dl>
  );
}

function EditorVersionItem({
  version,
  result,
  editable,
  latest,
}: {
  version: EditorVersion;
  result: EditorActionData | undefined;
  editable: boolean;
  latest: boolean;
}) {
  const saving = usePending('update-version', version.id);
  const deleting = usePending('delete-version', version.id);
  const mine = result?.target === version.id ? result : undefined;
  const draft = version.status === 'draft';
  return (
    <li
      className="editor-version"
      id={`version-${version.version}`}
      aria-labelledby={`version-${version.version}-title`}
      data-testid="editor-version"
    >
      <h3 id={`version-${version.version}-title`} className="editor-version-title">
        Version {version.version} <VersionStatusBadge status={version.status} />
      </h3>
      {draft && editable ? (
        // Older drafts fold away so the page stays short; the newest, or one whose post
        // came back with errors, is open.
        <details className="version-edit" open={latest || mine !== undefined}>
          <summary>Edit draft version {version.version}</summary>
          <VersionForm
            intent="update-version"
            versionId={version.id}
            values={
              mine?.intent === 'update-version' && mine.version
                ? mine.version
                : versionValuesOf(version)
            }
            errors={mine?.intent === 'update-version' ? mine.errors : {}}
            formError={mine?.intent === 'update-version' ? mine.formError : null}
            submitLabel={`Save version ${version.version}`}
            busy={saving}
            testId={`version-form-${version.version}`}
          />
          <Form method="post" className="inline-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="delete-version" />
            <input type="hidden" name="versionId" value={version.id} />
            <FormError>{mine?.intent === 'delete-version' ? mine.formError : null}</FormError>
            <button type="submit" className="button-link danger-link" disabled={deleting}>
              Delete draft version {version.version}
            </button>
          </Form>
        </details>
      ) : (
        <VersionView version={version} />
      )}
    </li>
  );
}

function AddVersion({
  prompt,
  result,
}: {
  prompt: EditorPrompt;
  result: EditorActionData | undefined;
}) {
  const adding = usePending('add-version');
  const latest = prompt.versions.at(-1);
  const next = (latest?.version ?? 0) + 1;
  const failed = result?.intent === 'add-version' ? result : undefined;
  const heading = latest ? `Add version ${next}` : 'Write version 1';
  return (
    <section className="panel" aria-labelledby="add-version-title" id="add-version">
      {/* Folded once a version exists (it starts as a copy of the newest); open for the first. */}
      <details
        // Closed again (a new copy of the newest version) after each version added.
        key={`add-${prompt.versions.length}`}
        className="add-version"
        open={!latest || failed !== undefined}
      >
        <summary data-testid="add-version-toggle">
          <h2 id="add-version-title">{heading}</h2>
        </summary>
        <AddVersionBody prompt={prompt} failed={failed} adding={adding} />
      </details>
    </section>
  );
}

function AddVersionBody({
  prompt,
  failed,
  adding,
}: {
  prompt: EditorPrompt;
  failed: EditorActionData | undefined;
  adding: boolean;
}) {
  const latest = prompt.versions.at(-1);
  const next = (latest?.version ?? 0) + 1;
  return (
    <>
      <p className="muted">
        {latest
          ? `It starts as a copy of version ${latest.version}. Published versions never change: a fix is a new version, and buyers see its changelog.`
          : 'The template buyers unlock, its variables and how to use it.'}
      </p>
      <VersionForm
        // A new form (a copy of the newest version) after each version added.
        key={`add-${prompt.versions.length}`}
        intent="add-version"
        values={failed?.version ?? versionValuesOf(latest, { changelog: false })}
        errors={failed?.errors ?? {}}
        formError={failed?.formError ?? null}
        submitLabel={latest ? `Add version ${next}` : 'Add version 1'}
        busy={adding}
        testId="add-version-form"
      />
    </>
  );
}

function ReviewPanel({
  prompt,
  result,
}: {
  prompt: EditorPrompt;
  result: EditorActionData | undefined;
}) {
  const submitting = usePending('submit');
  const deleting = usePending('delete-prompt');
  const drafts = prompt.versions.filter((v) => v.status === 'draft').length;
  const formError =
    result?.intent === 'submit' || result?.intent === 'delete-prompt' ? result.formError : null;
  return (
    <section className="panel review-panel" aria-labelledby="review-title">
      <h2 id="review-title">Review</h2>
      <p>
        Status: <PromptStatusBadge status={prompt.status} />
      </p>
      <ul className="checklist">
        <li className={prompt.versions.length > 0 ? 'check-ok' : 'check-todo'}>
          {prompt.versions.length > 0
            ? `${prompt.versions.length} ${prompt.versions.length === 1 ? 'version' : 'versions'}`
            : 'No version yet'}
          {drafts > 0 ? ` (${drafts} draft${drafts === 1 ? '' : 's'})` : ''}
        </li>
        <li className={prompt.assets.length > 0 ? 'check-ok' : 'check-todo'}>
          {prompt.assets.length > 0
            ? `${prompt.assets.length} example ${prompt.assets.length === 1 ? 'output' : 'outputs'}`
            : 'No example outputs yet'}
        </li>
      </ul>
      <FormError>{formError}</FormError>
      {prompt.can.submit ? (
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="submit" />
          <p className="muted">
            A moderator checks the draft versions and the listing. Once approved, the prompt is
            public and the versions never change.
          </p>
          <button type="submit" className="button button-wide" disabled={submitting}>
            {submitting ? 'Submitting…' : 'Submit for review'}
          </button>
        </Form>
      ) : (
        <p className="muted" data-testid="submit-unavailable">
          {prompt.status === 'pending_review'
            ? 'In review: you hear back when a moderator has decided.'
            : drafts === 0
              ? 'Add a version to submit it for review.'
              : 'Nothing to submit right now.'}
        </p>
      )}
      {prompt.can.delete ? (
        <details className="danger-zone">
          <summary>Delete this draft</summary>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="delete-prompt" />
            <p>The draft, its versions and its images are deleted for good.</p>
            <button type="submit" className="button button-danger" disabled={deleting}>
              Delete draft
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
