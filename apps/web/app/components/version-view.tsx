import type { EditorVersion } from '@promptnx/schema';
import { dateLabel, modelLabel } from '../lib/catalog';
import { formatModelParams } from '../lib/prompt-form';
import { VariablesTable } from './variables-table';

/** A version that is published or in review: shown as it is, never edited. */
export function VersionView({ version }: { version: EditorVersion }) {
  const params = formatModelParams(version.modelParams);
  return (
    <div className="version-view" data-testid="version-view">
      <p className="version-note">
        {version.status === 'published'
          ? `Published ${dateLabel(version.publishedAt)}. A published version never changes: to fix something, add a new version.`
          : 'Waiting for review; it cannot be changed meanwhile. After it is published, fix things in a new version.'}
      </p>
      <h4>Template</h4>
      <pre className="template-view">{version.template}</pre>
      {version.instructions ? (
        <>
          <h4>Usage instructions</h4>
          <p className="prewrap">{version.instructions}</p>
        </>
      ) : null}
      {version.variables.length > 0 ? (
        <>
          <h4>Variables</h4>
          <VariablesTable variables={version.variables} />
        </>
      ) : null}
      <dl className="facts">
        {params ? (
          <>
            <dt>Model parameters</dt>
            <dd>
              <pre className="params-view">{params}</pre>
            </dd>
          </>
        ) : null}
        <dt>Tested on</dt>
        <dd>
          {version.testedModels.length > 0
            ? version.testedModels.map(modelLabel).join(', ')
            : 'Not stated'}
        </dd>
        {version.changelog ? (
          <>
            <dt>Changelog</dt>
            <dd className="prewrap" data-testid="version-changelog">
              {version.changelog}
            </dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
