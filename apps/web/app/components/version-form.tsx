import { placeholdersOf } from '@promptnx/schema';
import { Form } from '@remix-run/react';
import { useEffect, useId, useState } from 'react';
import { MODELS } from '../lib/catalog';
import type { FieldErrors } from '../lib/form-errors';
import {
  emptyVariableRow,
  placeholderReport,
  SPARE_VARIABLE_ROWS,
  VARIABLE_TYPE_LABELS,
  VARIABLE_TYPES,
  type VariableRow,
  type VersionValues,
} from '../lib/prompt-form';
import { CsrfInput } from './csrf-input';
import { FormError, GroupError, TextAreaField } from './form-fields';

const TYPE_OPTIONS = VARIABLE_TYPES.map((value) => ({ value, label: VARIABLE_TYPE_LABELS[value] }));

/** The rows a form starts with: the declared variables and a few empty ones. */
function initialRows(values: VersionValues): VariableRow[] {
  return [
    ...values.variables,
    ...Array.from({ length: SPARE_VARIABLE_ROWS }, () => emptyVariableRow()),
  ];
}

/**
 * One version's form: template, instructions, variables, model parameters, tested models
 * and changelog. Posts `intent` (add-version or update-version) to the editor. Without
 * JavaScript it has a few empty variable rows; with it, rows can be added and the
 * placeholders of the template are compared with the declared variables as you type.
 */
export function VersionForm({
  intent,
  versionId,
  values,
  errors,
  formError,
  submitLabel,
  busy,
  testId,
}: {
  intent: 'add-version' | 'update-version';
  versionId?: string;
  values: VersionValues;
  errors: FieldErrors;
  formError: string | null;
  submitLabel: string;
  busy: boolean;
  testId: string;
}) {
  const id = useId();
  const [template, setTemplate] = useState(values.template);
  const [rows, setRows] = useState(() => initialRows(values));
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  const used = placeholdersOf(template);
  const report = placeholderReport(
    used,
    rows.map((row) => row.name.trim()),
  );

  function setRow(index: number, change: Partial<VariableRow>) {
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)));
  }

  // Declares every placeholder the template uses that no row names yet, in empty rows first.
  function declareMissing() {
    setRows((current) => {
      const next = [...current];
      for (const name of report.undeclared) {
        const empty = next.findIndex((row) => !row.name && !row.description && !row.example);
        if (empty === -1) next.push(emptyVariableRow(name));
        else next[empty] = { ...(next[empty] as VariableRow), name };
      }
      return next;
    });
  }

  const variableErrors = Object.entries(errors).filter(([field]) => field.startsWith('variables'));

  return (
    <Form method="post" className="form version-form" noValidate data-testid={testId}>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      {versionId ? <input type="hidden" name="versionId" value={versionId} /> : null}
      <FormError>{formError}</FormError>

      <TextAreaField
        label="Template"
        name="template"
        rows={10}
        required
        maxLength={20000}
        className="template-input"
        spellCheck={false}
        value={template}
        onChange={(event) => setTemplate(event.currentTarget.value)}
        error={errors.template}
        hint={
          <>
            The prompt buyers unlock. Write a placeholder in square brackets, like{' '}
            <code>[subject]</code>, wherever the buyer fills something in, and declare it below.
          </>
        }
      />
      <PlaceholderHint
        used={used}
        undeclared={report.undeclared}
        unused={report.unused}
        onDeclare={hydrated ? declareMissing : undefined}
      />

      <TextAreaField
        label="Usage instructions"
        name="instructions"
        rows={4}
        maxLength={10000}
        defaultValue={values.instructions}
        error={errors.instructions}
        hint="How to use it: what to paste where, what to expect, tips."
      />

      <fieldset className="variables-fieldset" aria-describedby={`${id}-vars-hint`}>
        <legend>Variables</legend>
        <p id={`${id}-vars-hint`} className="field-hint">
          One row per placeholder: its name as in the template (lowercase letters, digits and _),
          what kind of value it takes, a description and an example. Options (comma-separated) are
          for choice variables. Leave a row empty to skip it.
        </p>
        <GroupError id={`${id}-vars-error`}>{errors.variables}</GroupError>
        <div className="table-scroll">
          <table className="variables variables-edit">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Description</th>
                <th scope="col">Example</th>
                <th scope="col">Options</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <VariableRowInputs
                  // Rows are only ever appended, so the index is their identity.
                  // biome-ignore lint/suspicious/noArrayIndexKey: append-only rows
                  key={index}
                  index={index}
                  row={row}
                  errors={errors}
                  onChange={(change) => setRow(index, change)}
                />
              ))}
            </tbody>
          </table>
        </div>
        {variableErrors.length > 0 ? (
          <p className="visually-hidden" role="alert">
            {variableErrors.length === 1
              ? 'One variable needs another look.'
              : `${variableErrors.length} variable fields need another look.`}
          </p>
        ) : null}
        {hydrated ? (
          <button
            type="button"
            className="button button-secondary button-compact"
            onClick={() => setRows((current) => [...current, emptyVariableRow()])}
            disabled={rows.length >= 30}
          >
            Add variable
          </button>
        ) : null}
      </fieldset>

      <TextAreaField
        label="Model parameters"
        name="modelParams"
        rows={3}
        className="template-input"
        spellCheck={false}
        defaultValue={values.modelParams}
        error={errors.modelParams}
        hint={
          <>
            One per line as <code>key=value</code>, e.g. <code>temperature=0.7</code> or{' '}
            <code>aspect_ratio=3:2</code>. Numbers and true/false are kept as such.
          </>
        }
      />

      <fieldset
        className="checkbox-fieldset"
        aria-describedby={errors.testedModels ? `${id}-models-error` : undefined}
      >
        <legend>Tested on</legend>
        <ul className="checkbox-grid">
          {MODELS.map((model) => (
            <li key={model.value}>
              <label className="check-field">
                <input
                  type="checkbox"
                  name="testedModels"
                  value={model.value}
                  defaultChecked={values.testedModels.includes(model.value)}
                />
                {model.label}
              </label>
            </li>
          ))}
        </ul>
        <GroupError id={`${id}-models-error`}>{errors.testedModels}</GroupError>
      </fieldset>

      <TextAreaField
        label="Changelog"
        name="changelog"
        rows={3}
        maxLength={5000}
        defaultValue={values.changelog}
        error={errors.changelog}
        hint="What is new or fixed in this version. Buyers see it on the prompt page."
      />

      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Saving…' : submitLabel}
      </button>
    </Form>
  );
}

function VariableRowInputs({
  index,
  row,
  errors,
  onChange,
}: {
  index: number;
  row: VariableRow;
  errors: FieldErrors;
  onChange: (change: Partial<VariableRow>) => void;
}) {
  const id = useId();
  const n = index + 1;
  const field = (key: keyof VariableRow) => `variables.${index}.${key}`;
  const cellError = (key: keyof VariableRow) => {
    const message = errors[field(key)];
    return message ? (
      <p id={`${id}-${key}-error`} className="field-error">
        {message}
      </p>
    ) : null;
  };
  const invalid = (key: keyof VariableRow) =>
    errors[field(key)]
      ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${key}-error` }
      : {};
  return (
    <tr data-testid="variable-row">
      <td>
        <input
          name={field('name')}
          aria-label={`Variable ${n} name`}
          value={row.name}
          onChange={(event) => onChange({ name: event.currentTarget.value })}
          maxLength={40}
          pattern="[a-z][a-z0-9_]*"
          autoComplete="off"
          spellCheck={false}
          className="variable-name"
          {...invalid('name')}
        />
        {cellError('name')}
      </td>
      <td>
        <select
          name={field('type')}
          aria-label={`Variable ${n} type`}
          value={row.type}
          onChange={(event) => onChange({ type: event.currentTarget.value })}
          {...invalid('type')}
        >
          {TYPE_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        {cellError('type')}
      </td>
      <td>
        <input
          name={field('description')}
          aria-label={`Variable ${n} description`}
          value={row.description}
          onChange={(event) => onChange({ description: event.currentTarget.value })}
          maxLength={300}
          {...invalid('description')}
        />
        {cellError('description')}
      </td>
      <td>
        <input
          name={field('example')}
          aria-label={`Variable ${n} example`}
          value={row.example}
          onChange={(event) => onChange({ example: event.currentTarget.value })}
          maxLength={500}
          {...invalid('example')}
        />
        {cellError('example')}
      </td>
      <td>
        <input
          name={field('options')}
          aria-label={`Variable ${n} options`}
          value={row.options}
          onChange={(event) => onChange({ options: event.currentTarget.value })}
          placeholder={row.type === 'choice' ? 'a, b, c' : undefined}
          {...invalid('options')}
        />
        {cellError('options')}
      </td>
    </tr>
  );
}

/** The placeholders the template uses, checked against the declared variables. */
function PlaceholderHint({
  used,
  undeclared,
  unused,
  onDeclare,
}: {
  used: string[];
  undeclared: string[];
  unused: string[];
  onDeclare: (() => void) | undefined;
}) {
  return (
    <div className="placeholder-hint" aria-live="polite" data-testid="placeholder-hint">
      {used.length === 0 ? (
        <p className="muted">No placeholders in the template yet.</p>
      ) : (
        <p>
          Placeholders in the template:{' '}
          {used.map((name, i) => (
            <span key={name}>
              {i > 0 ? ' ' : null}
              <code className={undeclared.includes(name) ? 'placeholder-missing' : undefined}>
                [{name}]
              </code>
            </span>
          ))}
        </p>
      )}
      {undeclared.length > 0 ? (
        <p className="placeholder-warning">
          Not declared yet: {undeclared.map((name) => `[${name}]`).join(', ')}.{' '}
          {onDeclare ? (
            <button type="button" className="button-link link-like" onClick={onDeclare}>
              Add {undeclared.length === 1 ? 'a row for it' : 'rows for them'}
            </button>
          ) : null}
        </p>
      ) : null}
      {unused.length > 0 ? (
        <p className="muted">
          Declared but not used in the template: {unused.map((name) => `[${name}]`).join(', ')}.
        </p>
      ) : null}
    </div>
  );
}
