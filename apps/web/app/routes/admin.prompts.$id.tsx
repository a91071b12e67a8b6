import { type EditorVersion, formatMoney } from '@promptnx/schema';
import type { MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { AuditTable, DecisionForm, HistoryPanel, ReportList } from '../components/admin-parts';
import { FormError, Notice } from '../components/form-fields';
import { VariablesTable } from '../components/variables-table';
import { adminPromptPath, HIDDEN_CAUSE_LABELS, reasonLabel } from '../lib/admin';
import { privateHeaders } from '../lib/cache-headers';
import { modelLabel, promptPath } from '../lib/catalog';
import { dateTimeLabel } from '../lib/orders';
import { PROMPT_STATUS_LABELS, VERSION_STATUS_LABELS } from '../lib/seller-prompts';
import type { action, loader } from './admin.prompts.$id.server';

export { action, loader } from './admin.prompts.$id.server';
export const headers = privateHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data ? `“${data.detail.prompt.title}” — PromptNX admin` : 'Prompt — PromptNX admin',
  },
  { name: 'robots', content: 'noindex' },
];

export default function AdminPromptPage() {
  const { detail, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { prompt } = detail;
  const forIntent = (intent: string) =>
    result?.intent === intent
      ? { error: result.formError, reasonError: result.reasonError, reason: result.reason }
      : {};
  const pending = prompt.versions.filter((v) => v.status === 'pending_review');
  const openFlags = detail.flags.filter((f) => !f.resolvedAt);
  const hideable =
    prompt.status === 'published' ||
    (prompt.status === 'hidden' && detail.hiddenCause === 'seller_suspended');
  return (
    <>
      <div className="page-head">
        <div>
          <p className="muted">
            <Link to="/admin/prompts">Prompts</Link> ›
          </p>
          <h1>{prompt.title}</h1>
          <p>
            <span className="pill" data-testid="prompt-admin-status">
              {PROMPT_STATUS_LABELS[prompt.status] ?? prompt.status}
            </span>{' '}
            {detail.hiddenCause ? `${HIDDEN_CAUSE_LABELS[detail.hiddenCause]} · ` : ''}
            {modelLabel(prompt.targetModel)} · {prompt.category.name} · {formatMoney(prompt.price)}
            {prompt.status === 'published' ? (
              <>
                {' '}
                · <Link to={promptPath(prompt)}>public page</Link>
              </>
            ) : null}
          </p>
        </div>
      </div>
      {result ? null : <Notice>{notice}</Notice>}
      {result && !result.intent ? <FormError>{result.formError}</FormError> : null}
      {prompt.rejectionReason ? (
        <p className="alert alert-error">Last rejection: {prompt.rejectionReason}</p>
      ) : null}

      <h2>Decide</h2>
      <div className="admin-decisions">
        {pending.length ? (
          <>
            <DecisionForm
              intent="approve"
              label={`Approve version ${pending.map((v) => v.version).join(', ')}`}
              needsReason={false}
              {...forIntent('approve')}
              testId="approve-form"
            />
            <DecisionForm
              intent="reject"
              label="Reject: back to the seller"
              needsReason
              reasonLabel="What the seller must change"
              secondary
              {...forIntent('reject')}
              testId="reject-form"
            />
          </>
        ) : null}
        {hideable ? (
          <DecisionForm
            intent="hide"
            label="Hide from the catalog"
            needsReason
            reasonLabel="Why it is hidden"
            secondary
            {...forIntent('hide')}
            testId="hide-form"
          />
        ) : null}
        {prompt.status === 'hidden' && detail.hiddenCause === 'moderation' ? (
          <DecisionForm
            intent="restore"
            label="Put back in the catalog"
            needsReason="optional"
            {...forIntent('restore')}
            testId="restore-form"
          />
        ) : null}
        {detail.reports.open > 0 ? (
          <DecisionForm
            intent="dismiss-reports"
            label="Keep it: dismiss the reports"
            needsReason="optional"
            secondary
            {...forIntent('dismiss-reports')}
            testId="dismiss-form"
          />
        ) : null}
      </div>

      {detail.flags.length ? (
        <section aria-labelledby="flags-title">
          <h2 id="flags-title">
            Near-duplicates ({openFlags.length} open of {detail.flags.length})
          </h2>
          {detail.flags.map((flag) => (
            <div key={flag.id} className="panel" data-testid="flag">
              <p>
                Version {flag.version} is {Math.round(flag.similarity * 100)}% like{' '}
                <Link to={adminPromptPath(flag.similarPrompt.id)}>
                  “{flag.similarPrompt.title}”
                </Link>{' '}
                by {flag.similarPrompt.seller.displayName} ({flag.similarPrompt.status})
                {flag.resolvedAt ? ` · settled ${dateTimeLabel(flag.resolvedAt)}` : ''}
              </p>
              <div className="admin-columns">
                <div>
                  <h3>This prompt, version {flag.version}</h3>
                  <pre className="admin-template">
                    {prompt.versions.find((v) => v.id === flag.versionId)?.template ?? ''}
                  </pre>
                </div>
                <div>
                  <h3>“{flag.similarPrompt.title}”</h3>
                  <pre className="admin-template">{flag.similarPrompt.template ?? '—'}</pre>
                </div>
              </div>
            </div>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        {prompt.versions.length === 0 ? <p className="muted">No versions yet.</p> : null}
        {prompt.versions.map((version) => (
          <AdminVersion
            key={version.id}
            version={version}
            current={prompt.currentVersion === version.version}
          />
        ))}
      </section>

      <section aria-labelledby="listing-title" className="panel">
        <h2 id="listing-title">Listing</h2>
        <p className="prewrap">
          {prompt.description || <span className="muted">No description.</span>}
        </p>
        {prompt.tags.length ? <p className="muted">Tags: {prompt.tags.join(', ')}</p> : null}
      </section>

      <section aria-labelledby="reports-title">
        <h2 id="reports-title">
          Reports ({detail.reports.open} open
          {detail.reports.reasons.length
            ? `: ${detail.reports.reasons.map(reasonLabel).join(', ')}`
            : ''}
          )
        </h2>
        {result?.intent?.startsWith('report-') ? <FormError>{result.formError}</FormError> : null}
        <ReportList reports={detail.reportList} />
      </section>

      <div className="admin-columns">
        <HistoryPanel title="The seller" person={detail.seller} history={detail.sellerHistory} />
      </div>

      <section aria-labelledby="audit-title">
        <h2 id="audit-title">Decisions so far</h2>
        <AuditTable
          entries={detail.audit}
          caption="Decisions about this prompt"
          showEntity={false}
        />
      </section>
    </>
  );
}

function AdminVersion({ version, current }: { version: EditorVersion; current: boolean }) {
  return (
    <details
      className="panel"
      open={version.status !== 'published' || current}
      data-testid="admin-version"
    >
      <summary>
        Version {version.version} · {VERSION_STATUS_LABELS[version.status] ?? version.status}
        {current ? ' · current' : ''}
        {version.publishedAt ? ` · published ${dateTimeLabel(version.publishedAt)}` : ''}
      </summary>
      <h3>Template</h3>
      <pre className="admin-template" data-testid="admin-template">
        {version.template}
      </pre>
      {version.instructions ? (
        <>
          <h3>Usage instructions</h3>
          <p className="prewrap">{version.instructions}</p>
        </>
      ) : null}
      {version.variables.length ? (
        <>
          <h3>Variables</h3>
          <VariablesTable variables={version.variables} />
        </>
      ) : null}
      {version.changelog ? <p className="muted">Changelog: {version.changelog}</p> : null}
    </details>
  );
}
