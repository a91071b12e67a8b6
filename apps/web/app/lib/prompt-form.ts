import {
  type CreatePrompt,
  type CreateVersion,
  type EditorPrompt,
  type EditorVersion,
  TARGET_MODELS,
  type VariableInput,
} from '@promptnx/schema';
import type { FieldErrors } from './form-errors';

// The seller editor's forms: what the fields hold (strings, rows, lines) and the API's
// input (cents, arrays, objects) both ways. Only the shape is checked here; the API judges
// the content and its field errors are shown next to the fields.

export const VARIABLE_TYPES = ['text', 'long_text', 'number', 'choice'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

export const VARIABLE_TYPE_LABELS: Record<VariableType, string> = {
  text: 'Short text',
  long_text: 'Long text',
  number: 'Number',
  choice: 'Choice',
};

/** Empty variable rows every version form carries, so one can be added without JavaScript. */
export const SPARE_VARIABLE_ROWS = 2;
/** At most this many rows are read from a form (the API allows 30 variables). */
export const MAX_VARIABLE_ROWS = 30;

/** The largest price a seller may ask, in dollars (the API's limit is in cents). */
export const MAX_PRICE_DOLLARS = 1_000_000;

export interface ListingValues {
  title: string;
  description: string;
  category: string;
  targetModel: string;
  tags: string;
  pricing: 'free' | 'paid';
  /** Dollars as typed, e.g. "4.99". */
  price: string;
}

export interface VariableRow {
  name: string;
  type: string;
  description: string;
  example: string;
  /** Comma-separated, for choice variables. */
  options: string;
}

export interface VersionValues {
  template: string;
  instructions: string;
  variables: VariableRow[];
  /** `key=value` lines. */
  modelParams: string;
  testedModels: string[];
  changelog: string;
}

function text(formData: FormData, name: string, trim = true): string {
  const value = formData.get(name);
  if (typeof value !== 'string') return '';
  return trim ? value.trim() : value;
}

/** "$1,234.5" → 123450 cents; null when it is not an amount of dollars and cents. */
export function dollarsToCents(input: string): number | null {
  const cleaned = input.trim().replace(/^\$/, '').replaceAll(',', '').trim();
  const match = /^(\d{1,9})?(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match || (match[1] === undefined && match[2] === undefined)) return null;
  // Integer arithmetic on the digits: no floating-point rounding.
  return Number(match[1] ?? '0') * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** 1999 → "19.99"; 500 → "5.00". */
export function centsToDollars(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** "Code, code-review , AI" → ["code", "code-review", "ai"] (lower case, no repeats). */
export function parseTags(input: string): string[] {
  const tags = input
    .split(',')
    .map((tag) => tag.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(tags)];
}

export function readListingForm(formData: FormData): ListingValues {
  return {
    title: text(formData, 'title'),
    description: text(formData, 'description'),
    category: text(formData, 'category'),
    targetModel: text(formData, 'targetModel'),
    tags: text(formData, 'tags'),
    pricing: text(formData, 'pricing') === 'free' ? 'free' : 'paid',
    price: text(formData, 'price'),
  };
}

export function listingValuesOf(prompt: EditorPrompt): ListingValues {
  return {
    title: prompt.title,
    description: prompt.description,
    category: prompt.category.slug,
    targetModel: prompt.targetModel,
    tags: prompt.tags.join(', '),
    pricing: prompt.price.amount === 0 ? 'free' : 'paid',
    price: prompt.price.amount === 0 ? '' : centsToDollars(prompt.price.amount),
  };
}

/**
 * The listing as the API takes it (create, or a full PATCH). The category and model are
 * passed on as chosen; a price that is not dollars and cents is a field error here.
 */
export function listingInput(
  values: ListingValues,
): { input: CreatePrompt; errors?: undefined } | { input?: undefined; errors: FieldErrors } {
  let amount = 0;
  if (values.pricing === 'paid') {
    const cents = dollarsToCents(values.price);
    if (values.price === '') {
      return { errors: { price: 'Enter a price in dollars, or choose Free.' } };
    }
    if (cents === null) return { errors: { price: 'Enter a price in dollars, like 4.99.' } };
    if (cents === 0)
      return { errors: { price: 'A paid prompt costs more than $0. Or choose Free.' } };
    if (cents > MAX_PRICE_DOLLARS * 100) {
      return {
        errors: {
          price: `The price can be at most $${MAX_PRICE_DOLLARS.toLocaleString('en-US')}.`,
        },
      };
    }
    amount = cents;
  }
  return {
    input: {
      title: values.title,
      description: values.description,
      category: values.category,
      targetModel: values.targetModel as CreatePrompt['targetModel'],
      tags: parseTags(values.tags),
      price: { amount, currency: 'usd' },
    },
  };
}

/** The API names list fields (`price.amount`, `tags.3`); the form has one field for each. */
export function listingFieldOf(field: string): string {
  if (field.startsWith('price')) return 'price';
  if (field.startsWith('tags')) return 'tags';
  return field;
}

export const LISTING_FIELDS = new Set([
  'title',
  'description',
  'category',
  'targetModel',
  'tags',
  'price',
]);

// ---- versions ----------------------------------------------------------------------------

export function emptyVariableRow(name = ''): VariableRow {
  return { name, type: 'text', description: '', example: '', options: '' };
}

function isBlankRow(row: VariableRow) {
  return !row.name && !row.description && !row.example && !row.options;
}

function scalarText(value: string | number | boolean): string {
  return String(value);
}

/**
 * { temperature: 0.7, style: "raw" } → "style=raw\ntemperature=0.7". Sorted by key: the API
 * stores parameters as jsonb, which keeps no order of its own worth showing.
 */
export function formatModelParams(params: Record<string, string | number | boolean>): string {
  return Object.entries(params)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${scalarText(value)}`)
    .join('\n');
}

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * `key=value` lines → an object: numbers and true/false become numbers and booleans,
 * anything else stays text (quotes around it are dropped). Blank lines and `#` comments
 * are skipped; a line without `=` or a repeated key is an error naming its line.
 */
export function parseModelParams(
  input: string,
): { params: Record<string, string | number | boolean>; error?: undefined } | { error: string } {
  const params: Record<string, string | number | boolean> = {};
  const lines = input.split(/\r?\n/);
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    const at = line.indexOf('=');
    const key = at === -1 ? '' : line.slice(0, at).trim();
    if (at === -1 || !key) {
      return { error: `Line ${index + 1}: write each parameter as key=value.` };
    }
    if (Object.hasOwn(params, key)) {
      return { error: `Line ${index + 1}: “${key}” is already set above.` };
    }
    let value: string | number | boolean = line.slice(at + 1).trim();
    const quoted = /^"(.*)"$/.exec(value) ?? /^'(.*)'$/.exec(value);
    if (quoted) value = quoted[1] ?? '';
    else if (value === 'true' || value === 'false') value = value === 'true';
    else if (NUMBER.test(value) && Number.isFinite(Number(value))) value = Number(value);
    params[key] = value;
  }
  return { params };
}

export function readVersionForm(formData: FormData): VersionValues {
  const variables: VariableRow[] = [];
  for (let row = 0; row < MAX_VARIABLE_ROWS; row++) {
    if (!formData.has(`variables.${row}.name`) && !formData.has(`variables.${row}.type`)) break;
    variables.push({
      name: text(formData, `variables.${row}.name`),
      type: text(formData, `variables.${row}.type`) || 'text',
      description: text(formData, `variables.${row}.description`),
      example: text(formData, `variables.${row}.example`),
      options: text(formData, `variables.${row}.options`),
    });
  }
  const models = new Set<string>(TARGET_MODELS);
  return {
    // Whitespace is part of a template; only the field itself is kept as typed.
    template: text(formData, 'template', false),
    instructions: text(formData, 'instructions', false),
    variables,
    modelParams: text(formData, 'modelParams', false),
    testedModels: formData
      .getAll('testedModels')
      .filter((value): value is string => typeof value === 'string' && models.has(value)),
    changelog: text(formData, 'changelog'),
  };
}

export function versionValuesOf(
  version: EditorVersion | undefined,
  options: { changelog?: boolean } = {},
): VersionValues {
  if (!version) {
    return {
      template: '',
      instructions: '',
      variables: [],
      modelParams: '',
      testedModels: [],
      changelog: '',
    };
  }
  return {
    template: version.template,
    instructions: version.instructions,
    variables: version.variables.map((variable) => ({
      name: variable.name,
      type: variable.type,
      description: variable.description,
      example: variable.example,
      options: variable.options?.join(', ') ?? '',
    })),
    modelParams: formatModelParams(version.modelParams),
    testedModels: version.testedModels,
    changelog: options.changelog === false ? '' : version.changelog,
  };
}

/**
 * A version as the API takes it. `rows[i]` is the form row of variables[i] (blank rows are
 * skipped), so the API's `variables.i.name` error can be put back on its row.
 */
export function versionInput(
  values: VersionValues,
):
  | { input: Required<CreateVersion>; rows: number[]; errors?: undefined }
  | { input?: undefined; rows?: undefined; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const rows: number[] = [];
  const variables: VariableInput[] = [];
  for (const [row, variable] of values.variables.entries()) {
    if (isBlankRow(variable)) continue;
    if (!variable.name) {
      errors[`variables.${row}.name`] = 'Give this variable a name, or clear its row.';
      continue;
    }
    const type = (VARIABLE_TYPES as readonly string[]).includes(variable.type)
      ? (variable.type as VariableType)
      : 'text';
    const options = variable.options
      .split(',')
      .map((option) => option.trim())
      .filter(Boolean);
    rows.push(row);
    variables.push({
      name: variable.name,
      type,
      description: variable.description,
      example: variable.example,
      ...(type === 'choice' ? { options } : {}),
    });
  }
  const params = parseModelParams(values.modelParams);
  if (params.error !== undefined) errors.modelParams = params.error;
  if (Object.keys(errors).length > 0 || params.error !== undefined) return { errors };
  return {
    input: {
      template: values.template,
      instructions: values.instructions,
      variables,
      modelParams: params.params,
      testedModels: values.testedModels as Required<CreateVersion>['testedModels'],
      changelog: values.changelog,
    },
    rows,
  };
}

/** The API's field of a version (`variables.1.options.0`) as the form's (`variables.4.options`). */
export function versionFieldOf(field: string, rows: number[]): string {
  const variable = /^variables\.(\d+)(?:\.([a-zA-Z]+))?/.exec(field);
  if (variable) {
    const row = rows[Number(variable[1])];
    if (row === undefined) return 'variables';
    return `variables.${row}.${variable[2] ?? 'name'}`;
  }
  if (field.startsWith('modelParams')) return 'modelParams';
  if (field.startsWith('testedModels')) return 'testedModels';
  return field;
}

export function isVersionField(field: string): boolean {
  return (
    ['template', 'instructions', 'variables', 'modelParams', 'testedModels', 'changelog'].includes(
      field,
    ) || /^variables\.\d+\.(name|type|description|example|options)$/.test(field)
  );
}

/** Placeholders of the template compared with the declared variables (a hint; the API judges). */
export function placeholderReport(used: string[], declared: string[]) {
  const declaredSet = new Set(declared);
  const usedSet = new Set(used);
  return {
    undeclared: used.filter((name) => !declaredSet.has(name)),
    unused: declared.filter((name) => name && !usedSet.has(name)),
  };
}
