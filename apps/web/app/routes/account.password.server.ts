import { passwordSchema } from '@promptnx/schema';
import { AuthApiError } from '@promptnx/sdk';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { z } from 'zod';
import { createApiClient } from '../lib/api.server';
import { authErrorMessage } from '../lib/auth.server';
import { assertCsrf } from '../lib/csrf.server';
import { type FieldErrors, fieldErrorsFromZod } from '../lib/form-errors';
import { requireUser, signedOutRedirect } from '../lib/session.server';

const newPasswordSchema = z
  .object({ password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, {
    path: ['confirm'],
    message: 'the two passwords are not the same',
  });

export interface PasswordActionData {
  errors?: FieldErrors;
  formError?: string;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, headers } = await requireUser(request);
  return data({ email: user.email }, { headers });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, headers } = await requireUser(request);
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const parsed = newPasswordSchema.safeParse({
    password: formData.get('password') ?? '',
    confirm: formData.get('confirm') ?? '',
  });
  if (!parsed.success) {
    return data<PasswordActionData>(
      { errors: fieldErrorsFromZod(parsed.error) },
      { status: 400, headers },
    );
  }
  try {
    await createApiClient(request).auth.updateUser(user.accessToken, {
      password: parsed.data.password,
    });
  } catch (error) {
    if (error instanceof AuthApiError) {
      if (error.status === 401) throw await signedOutRedirect(request);
      if (error.code === 'same_password' || error.code === 'weak_password') {
        return data<PasswordActionData>(
          { errors: { password: error.message } },
          { status: error.status, headers },
        );
      }
    } else {
      console.warn(`[web] password change: ${(error as Error).message}`);
    }
    return data<PasswordActionData>(
      { formError: authErrorMessage(error) },
      { status: error instanceof AuthApiError ? error.status : 503, headers },
    );
  }
  throw redirect('/account?saved=password', { headers });
}
