import type { EditorPrompt } from '@promptnx/schema';
import { ApiError } from '@promptnx/sdk';
import { redirect } from '@remix-run/node';
import { isApiOutage, outageResponse } from './api.server';
import type { FieldErrors } from './form-errors';
import { browserUrl } from './me.server';
import { type SignedInUser, signedOutRedirect, type WebSession } from './session.server';

// The seller editor's server side: who may be here and what an API failure turns into.

export const EDITOR_UNAVAILABLE = 'Your prompts are unavailable right now';

export interface SellerContext {
  user: SignedInUser;
  session: WebSession;
  /** Set-Cookie of a refreshed session, or empty. */
  headers: Headers;
}

/** Where a signed-in visitor who is not (or no longer) selling is sent: become a seller. */
export const NOT_A_SELLER_PATH = '/sell';

/** The API says this account cannot sell (not a seller, or suspended). */
export function isNotSeller(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.code === 'SELLER_REQUIRED' || error.code === 'ACCOUNT_SUSPENDED')
  );
}

/**
 * What an editor loader throws when the API fails: sign in again for a refused token,
 * /sell for someone who cannot sell, 404 for a prompt that is not theirs (or does not
 * exist), a 503 page for an outage; anything else is a bug.
 */
export async function editorFailure(
  error: unknown,
  request: Request,
  context: SellerContext,
  where: string,
): Promise<never> {
  if (error instanceof ApiError) {
    if (error.status === 401) throw await signedOutRedirect(request, context.session);
    if (isNotSeller(error)) throw redirect(NOT_A_SELLER_PATH, { headers: context.headers });
    if (
      error.status === 404 ||
      error.code === 'FORBIDDEN' ||
      (error.status === 400 && error.code === 'VALIDATION_FAILED')
    ) {
      throw new Response('Not Found', { status: 404, statusText: 'Not Found' });
    }
  }
  if (isApiOutage(error)) throw outageResponse(error, where, EDITOR_UNAVAILABLE);
  throw error;
}

/** The editor's prompt with addresses a browser may load; versions oldest first. */
export function presentEditorPrompt(prompt: EditorPrompt): EditorPrompt {
  const assets = prompt.assets
    .flatMap((asset) => {
      const url = browserUrl(asset.url);
      return url ? [{ ...asset, url, thumbnailUrl: browserUrl(asset.thumbnailUrl) }] : [];
    })
    .sort((a, b) => a.position - b.position);
  return {
    ...prompt,
    assets,
    versions: [...prompt.versions].sort((a, b) => a.version - b.version),
  };
}

/** What a failed editor action shows: errors beside their fields, or one above the form. */
export interface EditorActionProblem {
  status: number;
  errors: FieldErrors;
  formError: string | null;
}

function sentence(text: string) {
  const trimmed = text.trim();
  const first = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/**
 * An editor action's API failure as the form shows it. A refused token, someone who cannot
 * sell and a prompt that is not theirs are thrown (sign in, /sell, 404); field errors are
 * put on the form's fields (`fieldOf`), and those the form has no field for, state
 * conflicts (409) and outages become one message above the form.
 */
export async function editorActionProblem(
  error: unknown,
  request: Request,
  context: SellerContext,
  where: string,
  form: { fieldOf: (field: string) => string; isField: (field: string) => boolean },
): Promise<EditorActionProblem> {
  if (error instanceof ApiError) {
    if (error.status === 401) throw await signedOutRedirect(request, context.session);
    if (isNotSeller(error)) throw redirect(NOT_A_SELLER_PATH, { headers: context.headers });
    if (error.status === 404 || error.code === 'FORBIDDEN') {
      throw new Response('Not Found', { status: 404, statusText: 'Not Found' });
    }
    if (error.code === 'VALIDATION_FAILED') {
      const errors: FieldErrors = {};
      const unplaced: string[] = [];
      for (const { field, message } of error.problem.errors ?? []) {
        const own = form.fieldOf(field.replace(/^body\.?/, ''));
        if (form.isField(own)) errors[own] ??= sentence(message).replace(/\.$/, '');
        else unplaced.push(message);
      }
      // Errors no field of this form shows (e.g. "add a version" on submit) are listed above it.
      const formError =
        unplaced.length > 0
          ? `${sentence(error.problem.detail ?? 'This cannot be saved').replace(/\.$/, ':')} ${unplaced.map(sentence).join(' ')}`
          : Object.keys(errors).length > 0
            ? 'Some fields need another look.'
            : sentence(error.problem.detail ?? 'Some of these values cannot be saved');
      return { status: 400, errors, formError };
    }
    if (error.status < 500) {
      return {
        status: error.status,
        errors: {},
        formError: sentence(error.problem.detail ?? error.problem.title),
      };
    }
  }
  if (isApiOutage(error)) {
    console.warn(`[web] ${where}: ${(error as Error).message}`);
    return {
      status: 503,
      errors: {},
      formError: 'We could not reach PromptNX. Please try again in a moment.',
    };
  }
  throw error;
}
