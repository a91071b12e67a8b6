import type { PromptDetail } from '@promptnx/schema';
import { VARIABLE_TYPE_LABELS } from '../lib/prompt-form';

type PromptVariable = PromptDetail['versions'][number]['variables'][number];

/** A version's typed variables: name, type (with a choice's options), description, example. */
export function VariablesTable({ variables }: { variables: readonly PromptVariable[] }) {
  return (
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
          {variables.map((variable) => (
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
  );
}
