import { emailSchema, passwordSchema } from '@promptnx/schema';
import { AuthApiError } from '@promptnx/sdk';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { z } from 'zod';
import { createApiClient } from '../lib/api.server';
import { authErrorMessage, isRateLimited, siteOrigin, startSession } from '../lib/auth.server';
import { assertCsrf } from '../lib/csrf.server';
import { type FieldErrors, fieldErrorsFromZod, formText } from '../lib/form-errors';
import { redirectTargetOf } from '../lib/safe-redirect';
import { getUser } from '../lib/session.server';

export const signUpFormSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  displayName: z
    .string()
    .trim()
    .min(1, 'enter the name other people will see')
    .max(80, 'must be at most 80 characters'),
});

export interface SignUpActionData {
  errors?: FieldErrors;
  formError?: string;
  values?: { email: string; displayName: string };
  /** No session yet: the e-mail must be confirmed first. */
  checkEmail?: string;
}

const redirectTarget = (request: Request, formData?: FormData) =>
  redirectTargetOf(request, formData, '/account');

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, headers } = await getUser(request);
  if (user) throw redirect(redirectTarget(request), { headers });
  return data({ redirectTo: redirectTarget(request) }, { headers });
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const values = {
    email: formText(formData, 'email'),
    displayName: formText(formData, 'displayName'),
  };
  const parsed = signUpFormSchema.safeParse({
    ...values,
    password: formData.get('password') ?? '',
  });
  if (!parsed.success) {
    return data<SignUpActionData>(
      { errors: fieldErrorsFromZod(parsed.error), values },
      { status: 400 },
    );
  }

  const api = createApiClient(request);
  try {
    const { session } = await api.auth.signUp({
      email: parsed.data.email,
      password: parsed.data.password,
      data: { display_name: parsed.data.displayName },
      redirectTo: `${siteOrigin(request)}/auth/confirm`,
    });
    if (session) {
      throw redirect(redirectTarget(request, formData), {
        headers: await startSession(request, session),
      });
    }
    return data<SignUpActionData>({ checkEmail: parsed.data.email });
  } catch (error) {
    if (error instanceof Response) throw error;
    if (!(error instanceof AuthApiError)) {
      console.warn(`[web] sign-up: ${(error as Error).message}`);
    }
    return data<SignUpActionData>(signUpError(error, values), {
      status: error instanceof AuthApiError ? error.status : 503,
    });
  }
}

function signUpError(error: unknown, values: SignUpActionData['values']): SignUpActionData {
  if (error instanceof AuthApiError && !isRateLimited(error)) {
    switch (error.code) {
      case 'user_already_exists':
      case 'email_exists':
        return {
          values,
          errors: { email: 'An account with this e-mail already exists. Sign in instead.' },
        };
      case 'email_address_invalid':
      case 'email_address_not_authorized':
        return { values, errors: { email: error.message } };
      case 'weak_password':
        return { values, errors: { password: error.message } };
    }
  }
  return { values, formError: authErrorMessage(error) };
}
