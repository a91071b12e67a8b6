import {
  type FieldError,
  placeholdersOf,
  type promptVariableSchema,
  type VariableInput,
} from '@promptnx/schema';
import type { z } from 'zod';
import { AppError } from '../../lib/errors.js';

type Variable = z.infer<typeof promptVariableSchema>;

/**
 * A version's template and variables must agree: every `[name]` in the
 * template is declared once, every declared variable is used, a choice has
 * options and only a choice has them, a number's example is a number.
 */
export function checkVersion(template: string, variables: readonly VariableInput[]): Variable[] {
  const errors: FieldError[] = [];
  const used = placeholdersOf(template);
  const declared = new Map<string, number>();
  variables.forEach((v, i) => {
    const at = `variables.${i}`;
    if (declared.has(v.name))
      errors.push({ field: `${at}.name`, message: `'${v.name}' is declared twice` });
    declared.set(v.name, i);
    if (!used.includes(v.name)) {
      errors.push({ field: `${at}.name`, message: `[${v.name}] does not appear in the template` });
    }
    if (v.type === 'choice' && (v.options?.length ?? 0) < 2) {
      errors.push({ field: `${at}.options`, message: 'a choice needs at least two options' });
    }
    if (v.type !== 'choice' && v.options !== undefined && v.options.length > 0) {
      errors.push({ field: `${at}.options`, message: 'only a choice has options' });
    }
    if (v.type === 'number' && v.example && !Number.isFinite(Number(v.example))) {
      errors.push({ field: `${at}.example`, message: 'must be a number for a number variable' });
    }
    if (v.type === 'choice' && v.example && v.options && !v.options.includes(v.example)) {
      errors.push({ field: `${at}.example`, message: 'must be one of the options' });
    }
  });
  const undeclared = used.filter((name) => !declared.has(name));
  if (undeclared.length > 0) {
    errors.push({
      field: 'template',
      message: `uses ${undeclared.map((n) => `[${n}]`).join(', ')} without declaring ${undeclared.length === 1 ? 'it' : 'them'} in variables`,
    });
  }
  if (errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'the template and its variables do not agree', errors);
  }
  return variables.map((v) => ({
    name: v.name,
    type: v.type,
    description: v.description ?? '',
    example: v.example ?? '',
    ...(v.type === 'choice' ? { options: v.options ?? [] } : {}),
  }));
}

/** A URL-safe slug from a title, with a random tail so two prompts never collide. */
export function slugFor(title: string, random: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return base ? `${base}-${random}` : `prompt-${random}`;
}
