import { PLACEHOLDER } from '@promptnx/schema';

// Filling a template's `[name]` placeholders with the buyer's values. The same code runs in
// the browser (live, as they type) and on the server (the GET form, without JavaScript).

export type VariableValues = Record<string, string>;

/** The query parameter that carries a variable's value: `var.subject=a+cat`. */
export function variableParam(name: string): string {
  return `var.${name}`;
}

/** A fresh, global copy: PLACEHOLDER is a shared /g regex, whose lastIndex must not leak. */
function placeholders() {
  return new RegExp(PLACEHOLDER.source, 'g');
}

/**
 * The template with every placeholder that has a non-empty value replaced by it. A
 * placeholder without a value stays as `[name]`, so the buyer sees what is still missing.
 */
export function fillTemplate(template: string, values: VariableValues): string {
  return template.replace(placeholders(), (whole, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    return value !== undefined && value !== '' ? value : whole;
  });
}

/** The template cut into text and placeholders, to show the placeholders marked. */
export function templateParts(template: string): { text: string; placeholder: boolean }[] {
  const parts: { text: string; placeholder: boolean }[] = [];
  let last = 0;
  for (const match of template.matchAll(placeholders())) {
    const at = match.index;
    if (at > last) parts.push({ text: template.slice(last, at), placeholder: false });
    parts.push({ text: match[0], placeholder: true });
    last = at + match[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last), placeholder: false });
  return parts;
}

/** Longest value accepted per variable from a URL (the form's GET submission). */
export const MAX_VALUE_LENGTH = 5000;

/**
 * The values of `names` found in the query string (`var.<name>`), each cut to
 * MAX_VALUE_LENGTH; names the version does not declare are ignored.
 */
export function valuesFromSearch(search: URLSearchParams, names: string[]): VariableValues {
  const values: VariableValues = {};
  for (const name of names) {
    const value = search.get(variableParam(name));
    if (value !== null) values[name] = value.slice(0, MAX_VALUE_LENGTH);
  }
  return values;
}

/** Query string of a version and the values typed so far (empty ones left out). */
export function fillSearch(version: number | null, values: VariableValues): string {
  const search = new URLSearchParams();
  if (version !== null) search.set('version', String(version));
  for (const [name, value] of Object.entries(values)) {
    if (value !== '') search.set(variableParam(name), value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
