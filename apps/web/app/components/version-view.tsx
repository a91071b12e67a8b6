import type { EditorVersion } from '@promptnx/schema';
import { dateLabel, modelLabel } from '../lib/catalog';
import { formatModelParams, VARIABLE_TYPE_LABELS } from '../lib/prompt-form';

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
          <div className="table-scroll">
            <table className="variables">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Description</th>
                  <th scope="col">Example</th>
                </tr>
              </thead>
              <tbody>
                {version.variables.map((variable) => (
                  <tr key={variable.name}>
                    <th scope="row">
                      <code>{variable.name}</code>
                    </th>
                    <td>
                      {VARIABLE_TYPE_LABELS[variable.type]}
                      {variable.options?.length ? (
                        <span className="muted"> ({variable.options.join(', ')})</span>
                      ) : null}
                    </td>
                    <td>{variable.description}</td>
                    <td>{variable.example}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
