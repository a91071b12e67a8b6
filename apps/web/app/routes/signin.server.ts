import { emailSchema } from '@promptnx/schema';
import { AuthApiError } from '@promptnx/sdk';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { z } from 'zod';
import { createApiClient } from '../lib/api.server';
import { authErrorMessage, isRateLimited, startSession } from '../lib/auth.server';
import { assertCsrf } from '../lib/csrf.server';
import { type FieldErrors, fieldErrorsFromZod, formText } from '../lib/form-errors';
import { redirectTargetOf } from '../lib/safe-redirect';
import { getUser } from '../lib/session.server';

export const INVALID_CREDENTIALS = 'Invalid e-mail or password.';

const signInFormSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'enter your password').max(72, 'must be at most 72 characters'),
});

export interface SignInActionData {
  errors?: FieldErrors;
  formError?: string;
  /** The account exists but its e-mail is not confirmed yet. */
  unconfirmed?: boolean;
  values?: { email: string };
}

const redirectTarget = (request: Request, formData?: FormData) =>
  redirectTargetOf(request, formData, '/');

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, headers } = await getUser(request);
  if (user) throw redirect(redirectTarget(request), { headers });
  return data({ redirectTo: redirectTarget(request) }, { headers });
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const values = { email: formText(formData, 'email') };
  const parsed = signInFormSchema.safeParse({
    ...values,
    password: formData.get('password') ?? '',
  });
  if (!parsed.success) {
    return data<SignInActionData>(
      { errors: fieldErrorsFromZod(parsed.error), values },
      { status: 400 },
    );
  }

  let headers: Headers;
  try {
    const session = await createApiClient(request).auth.signInWithPassword(parsed.data);
    headers = await startSession(request, session);
  } catch (error) {
    if (!(error instanceof AuthApiError)) {
      console.warn(`[web] sign-in: ${(error as Error).message}`);
      return data<SignInActionData>(
        { values, formError: authErrorMessage(error) },
        { status: 503 },
      );
    }
    if (error.code === 'email_not_confirmed') {
      return data<SignInActionData>({ values, unconfirmed: true }, { status: 400 });
    }
    if (isRateLimited(error) || error.status >= 500) {
      return data<SignInActionData>(
        { values, formError: authErrorMessage(error) },
        { status: error.status },
      );
    }
    // invalid_credentials, and anything else about the e-mail or password: one answer,
    // so the form does not tell which accounts exist.
    return data<SignInActionData>({ values, formError: INVALID_CREDENTIALS }, { status: 400 });
  }
  throw redirect(redirectTarget(request, formData), { headers });
}
