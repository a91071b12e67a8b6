import { emailSchema } from '@promptnx/schema';
import { AuthApiError } from '@promptnx/sdk';
import { type ActionFunctionArgs, data } from '@remix-run/node';
import { z } from 'zod';
import { createApiClient } from '../lib/api.server';
import { authErrorMessage, isRateLimited, siteOrigin } from '../lib/auth.server';
import { assertCsrf } from '../lib/csrf.server';
import { type FieldErrors, fieldErrorsFromZod, formText } from '../lib/form-errors';

export interface ForgotPasswordActionData {
  errors?: FieldErrors;
  formError?: string;
  sent?: boolean;
  values?: { email: string };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const values = { email: formText(formData, 'email') };
  const parsed = z.object({ email: emailSchema }).safeParse(values);
  if (!parsed.success) {
    return data<ForgotPasswordActionData>(
      { errors: fieldErrorsFromZod(parsed.error), values },
      { status: 400 },
    );
  }
  try {
    await createApiClient(request).auth.recover({
      email: parsed.data.email,
      redirectTo: `${siteOrigin(request)}/auth/confirm?next=/account/password`,
    });
  } catch (error) {
    if (!(error instanceof AuthApiError)) {
      console.warn(`[web] password recovery: ${(error as Error).message}`);
      return data<ForgotPasswordActionData>(
        { values, formError: authErrorMessage(error) },
        { status: 503 },
      );
    }
    if (isRateLimited(error)) {
      return data<ForgotPasswordActionData>(
        { values, formError: authErrorMessage(error) },
        { status: 429 },
      );
    }
    // Any other refusal gets the same answer as success: the page never tells whether an
    // account exists.
  }
  return data<ForgotPasswordActionData>({ sent: true, values });
}
