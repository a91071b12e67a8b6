import type { PromptContent } from '@promptnx/schema';
import { type ChangeEvent, type ReactNode, useId } from 'react';
import { MAX_VALUE_LENGTH, variableParam } from '../lib/prompt-fill';

export type PromptVariable = PromptContent['versions'][number]['variables'][number];

/** What the field's label says: the variable's name, made readable (`target_audience`). */
export function variableLabel(name: string): string {
  const words = name.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * One typed variable as a form field: text → input, long_text → textarea, number → number
 * input, choice → select. Its description is the hint and its example the placeholder.
 * Named `var.<name>`, so the GET form's query is what the server fills the template with.
 */
export function VariableField({
  variable,
  value,
  onChange,
}: {
  variable: PromptVariable;
  value: string;
  onChange: (name: string, value: string) => void;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  // A select has no placeholder: its example goes into the hint.
  const choiceExample = variable.type === 'choice' && variable.example ? variable.example : '';
  const hint = Boolean(variable.description || choiceExample);
  const common = {
    id,
    name: variableParam(variable.name),
    value,
    'aria-describedby': hint ? hintId : undefined,
    'data-variable': variable.name,
  };
  const change = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    onChange(variable.name, event.target.value);

  let control: ReactNode;
  switch (variable.type) {
    case 'long_text':
      control = (
        <textarea
          {...common}
          rows={5}
          maxLength={MAX_VALUE_LENGTH}
          placeholder={variable.example || undefined}
          onChange={change}
        />
      );
      break;
    case 'number':
      control = (
        <input
          {...common}
          type="number"
          inputMode="decimal"
          step="any"
          placeholder={variable.example || undefined}
          onChange={change}
        />
      );
      break;
    case 'choice':
      control = (
        <select {...common} onChange={change}>
          <option value="">Choose…</option>
          {(variable.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
      break;
    default:
      control = (
        <input
          {...common}
          type="text"
          maxLength={MAX_VALUE_LENGTH}
          placeholder={variable.example || undefined}
          onChange={change}
        />
      );
  }

  return (
    <div className="field" data-testid="variable-field" data-type={variable.type}>
      <label htmlFor={id}>
        {variableLabel(variable.name)} <code className="muted">[{variable.name}]</code>
      </label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {variable.description}
          {choiceExample ? <span> (e.g. {choiceExample})</span> : null}
        </p>
      ) : null}
      {control}
    </div>
  );
}
