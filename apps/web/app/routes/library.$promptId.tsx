import type { LinksFunction, MetaFunction } from '@remix-run/node';
import {
  Form,
  isRouteErrorResponse,
  Link,
  useLoaderData,
  useLocation,
  useParams,
  useRouteError,
} from '@remix-run/react';
import { Fragment, useState } from 'react';
import { CopyButton } from '../components/copy-button';
import orderStyles from '../components/orders.css?url';
import { VariableField } from '../components/variable-field';
import { privateHeaders } from '../lib/cache-headers';
import { dateLabel, modelLabel } from '../lib/catalog';
import { libraryPath } from '../lib/orders';
import { fillSearch, fillTemplate, templateParts, type VariableValues } from '../lib/prompt-fill';
import type { loader } from './library.$promptId.server';

export { loader } from './library.$promptId.server';
// The template is the product: this page is never stored by a browser or a cache.
export const headers = privateHeaders;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: orderStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? data.prompt.title : 'Your library'} — PromptNX` },
  { name: 'robots', content: 'noindex' },
];

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Version = NonNullable<LoaderData['version']>;

const ACCESS_NOTES: Record<LoaderData['prompt']['access'], string | null> = {
  buyer: null,
  seller: 'You see this as its seller.',
  admin: 'You see this as an admin.',
};

export default function LibraryItemPage() {
  const { prompt, versions, version, values } = useLoaderData<typeof loader>();
  const location = useLocation();
  const note = ACCESS_NOTES[prompt.access];

  return (
    <article className="library-item" aria-labelledby="item-title">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/library">Your library</Link>
          </li>
          <li aria-current="page">{prompt.title}</li>
        </ol>
      </nav>
      <header className="page-head">
        <div>
          <h1 id="item-title">{prompt.title}</h1>
          {version ? (
            <p className="muted" data-testid="selected-version">
              Version {version.version}
              {version.publishedAt ? ` · published ${dateLabel(version.publishedAt)}` : ''}
            </p>
          ) : null}
          {note ? <p className="muted">{note}</p> : null}
        </div>
        <p className="form-actions">
          <Link to={`/p/${encodeURIComponent(prompt.id)}`} className="button button-secondary">
            Prompt page
          </Link>
          {prompt.access === 'buyer' ? (
            <>
              {' '}
              <Link
                to={`/p/${encodeURIComponent(prompt.id)}#your-review`}
                className="button button-secondary"
                data-testid="review-link"
              >
                Review it
              </Link>
            </>
          ) : null}
        </p>
      </header>

      {version ? (
        <div className="library-layout">
          {/* Keyed by version and query: a new version or a submitted form starts afresh. */}
          <Workbench
            key={`${version.id}${location.search}`}
            path={libraryPath(prompt.id)}
            version={version}
            initial={values}
          />
          <aside className="library-aside" aria-label="About this version">
            <VersionPicker
              path={libraryPath(prompt.id)}
              versions={versions}
              selected={version.version}
              values={values}
            />
            <Settings version={version} />
          </aside>
        </div>
      ) : (
        <div className="empty-state" data-testid="no-version">
          <p>This prompt has no version you can use yet.</p>
        </div>
      )}
    </article>
  );
}

/** The variables form, the filled prompt and the template, filled live as the buyer types. */
function Workbench({
  path,
  version,
  initial,
}: {
  path: string;
  version: Version;
  initial: VariableValues;
}) {
  const [values, setValues] = useState<VariableValues>(initial);
  const filled = fillTemplate(version.template, values);
  const missing = version.variables.filter((v) => !values[v.name]).length;
  const setValue = (name: string, value: string) =>
    setValues((current) => ({ ...current, [name]: value }));

  return (
    <div className="library-main">
      {version.variables.length > 0 ? (
        <section className="panel" aria-labelledby="fill-title">
          <h2 id="fill-title">Fill in the variables</h2>
          <Form method="get" className="form" data-testid="variables-form">
            <input type="hidden" name="version" value={version.version} />
            {version.variables.map((variable) => (
              <VariableField
                key={variable.name}
                variable={variable}
                value={values[variable.name] ?? ''}
                onChange={setValue}
              />
            ))}
            <p className="form-actions">
              <button type="submit" className="button button-secondary" data-testid="fill">
                Fill in the prompt
              </button>{' '}
              <Link to={`${path}${fillSearch(version.version, {})}`} className="muted">
                Clear
              </Link>
            </p>
          </Form>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="filled-title">
        <div className="section-head">
          <h2 id="filled-title">Your prompt</h2>
          <CopyButton text={filled} targetId="filled-prompt" label="Copy the prompt" />
        </div>
        {missing > 0 ? (
          <p className="muted" data-testid="missing-count">
            {missing === 1 ? '1 variable is' : `${missing} variables are`} still empty: the
            placeholders in brackets stay as they are.
          </p>
        ) : null}
        {/* The text content is exactly the filled prompt: what Copy puts on the clipboard. */}
        <pre id="filled-prompt" className="prompt-text" tabIndex={-1} data-testid="filled-prompt">
          {templateParts(version.template).map((part, index) => {
            if (!part.placeholder) return part.text;
            const value = fillTemplate(part.text, values);
            const empty = value === part.text;
            return (
              // Parts are positions in one immutable template: the index is their identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed positions
              <mark key={index} className={empty ? 'fill-missing' : 'fill-value'}>
                {value}
              </mark>
            );
          })}
        </pre>
      </section>

      {version.instructions ? (
        <section className="panel" aria-labelledby="instructions-title">
          <h2 id="instructions-title">How to use it</h2>
          <p className="prewrap" data-testid="instructions">
            {version.instructions}
          </p>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="template-title">
        <h2 id="template-title">Template</h2>
        <p className="muted">
          The prompt as the seller wrote it; the words in brackets are its variables.
        </p>
        <pre className="prompt-text" data-testid="template">
          {templateParts(version.template).map((part, index) =>
            part.placeholder ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed positions
              <mark key={index} className="fill-missing">
                {part.text}
              </mark>
            ) : (
              part.text
            ),
          )}
        </pre>
      </section>
    </div>
  );
}

function VersionPicker({
  path,
  versions,
  selected,
  values,
}: {
  path: string;
  versions: LoaderData['versions'];
  selected: number;
  values: VariableValues;
}) {
  const newest = versions[0]?.version;
  return (
    <nav className="panel" aria-labelledby="versions-title" data-testid="versions">
      <h2 id="versions-title">Versions</h2>
      <ol className="version-picker">
        {versions.map((v) => (
          <li key={v.id} data-testid="version">
            <Link
              to={`${path}${fillSearch(v.version === newest ? null : v.version, values)}`}
              aria-current={v.version === selected ? 'page' : undefined}
              preventScrollReset
            >
              Version {v.version}
            </Link>
            {v.version === newest ? <span className="pill pill-accent">Newest</span> : null}
            {v.publishedAt ? <span className="muted"> · {dateLabel(v.publishedAt)}</span> : null}
            {v.changelog ? (
              <p className="changelog" data-testid="changelog">
                {v.changelog}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Settings({ version }: { version: Version }) {
  const params = Object.entries(version.modelParams);
  if (params.length === 0 && version.testedModels.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="settings-title" data-testid="model-settings">
      <h2 id="settings-title">Model settings</h2>
      {params.length > 0 ? (
        <dl className="facts">
          {params.map(([key, value]) => (
            <Fragment key={key}>
              <dt>{key}</dt>
              <dd>
                <code>{String(value)}</code>
              </dd>
            </Fragment>
          ))}
        </dl>
      ) : null}
      {version.testedModels.length > 0 ? (
        <p className="muted">Tested with {version.testedModels.map(modelLabel).join(', ')}</p>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { promptId } = useParams();
  const promptPage = `/p/${encodeURIComponent(promptId ?? '')}`;
  let title = 'Something went wrong';
  let message = 'An unexpected error occurred. Please try again in a moment.';
  let forbidden = false;
  if (isRouteErrorResponse(error)) {
    if (error.status === 403) {
      forbidden = true;
      title = 'This prompt is not in your library';
      message = 'You can use a prompt once you own it.';
    } else if (error.status === 404) {
      title = 'Prompt not found';
      message = 'This prompt does not exist, or it is not in your library.';
    } else if (error.status === 503) {
      title =
        typeof error.data === 'string' && error.data
          ? error.data
          : 'This page is unavailable right now';
      message = 'Please try again in a few moments.';
    }
  }
  return (
    <section className="error-page" aria-labelledby="error-title" data-testid="error-page">
      <h1 id="error-title">{title}</h1>
      <p>{message}</p>
      <p>
        {forbidden ? (
          <>
            <Link to={promptPage} data-testid="prompt-page-link">
              See the prompt and buy it
            </Link>{' '}
            or go back to <Link to="/library">your library</Link>.
          </>
        ) : (
          <Link to="/library">Back to your library</Link>
        )}
      </p>
    </section>
  );
}
