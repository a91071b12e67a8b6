import type { FieldError } from '@promptnx/schema';
import type { z } from 'zod';

/** Field name (dotted path, `links.0.url`) → the message shown beside that field. */
export type FieldErrors = Record<string, string>;

function sentence(message: string) {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** The first problem of each field, worded as a sentence. */
export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'form';
    errors[field] ??= sentence(issue.message);
  }
  return errors;
}

/** The API's VALIDATION_FAILED `errors`, by field. */
export function fieldErrorsFromApi(errors: FieldError[] | undefined): FieldErrors {
  const result: FieldErrors = {};
  for (const { field, message } of errors ?? []) {
    result[field.replace(/^body\.?/, '') || 'form'] ??= sentence(message);
  }
  return result;
}

/** A text value from a form, trimmed; '' when absent or a file. */
export function formText(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === 'string' ? value.trim() : '';
}
