import { type UpdateMe, updateMeSchema } from '@promptnx/schema';
import { ApiError } from '@promptnx/sdk';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import type { z } from 'zod';
import { createApiClient, isApiOutage } from '../lib/api.server';
import { avatarErrorMessage } from '../lib/avatar';
import { assertCsrf } from '../lib/csrf.server';
import {
  type FieldErrors,
  fieldErrorsFromApi,
  fieldErrorsFromZod,
  formText,
} from '../lib/form-errors';
import { browserUrl, loadMe } from '../lib/me.server';
import { MAX_LINKS } from '../lib/profile-form';
import { commitSession, requireUser, signedOutRedirect } from '../lib/session.server';

const SAVED_MESSAGES: Record<string, string> = {
  profile: 'Your profile is saved.',
  password: 'Your password is changed.',
  avatar: 'Your new picture is saved.',
};

export interface ProfileValues {
  displayName: string;
  username: string;
  bio: string;
  links: { label: string; url: string }[];
}

export interface ProfileActionData {
  errors?: FieldErrors;
  formError?: string;
  values?: ProfileValues;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const me = await loadMe(request, user, session);
  let cookie = headers;
  // Keep the header's name in step with the profile (it may have changed elsewhere).
  if (me.displayName && me.displayName !== session.get('display_name')) {
    session.set('display_name', me.displayName);
    cookie = await commitSession(session);
  }
  const url = new URL(request.url);
  return data(
    {
      me: { ...me, avatarUrl: browserUrl(me.avatarUrl) },
      saved: SAVED_MESSAGES[url.searchParams.get('saved') ?? ''] ?? null,
      avatarError: avatarErrorMessage(url.searchParams.get('avatarError')),
    },
    { headers: cookie },
  );
}

// Messages for the limits updateMeSchema sets without wording them.
const friendlyErrors: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'too_small' && issue.origin === 'string') {
    return issue.minimum === 1 ? 'cannot be empty' : `must be at least ${issue.minimum} characters`;
  }
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return `must be at most ${issue.maximum} characters`;
  }
  if (issue.code === 'too_big' && issue.origin === 'array') {
    return `at most ${issue.maximum} links`;
  }
  return undefined;
};

/** The form's link rows; empty rows are skipped, `rows[i]` is the row of links[i]. */
function readLinks(formData: FormData) {
  const rows: number[] = [];
  const links: { label: string; url: string }[] = [];
  const all: { label: string; url: string }[] = [];
  for (let row = 0; row < MAX_LINKS; row++) {
    const link = {
      label: formText(formData, `links.${row}.label`),
      url: formText(formData, `links.${row}.url`),
    };
    all.push(link);
    if (link.label || link.url) {
      rows.push(row);
      links.push(link);
    }
  }
  return { links, rows, all };
}

/** Errors about links[i] belong to the form row rows[i]. */
function toRows(errors: FieldErrors, rows: number[]): FieldErrors {
  const result: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    const match = /^links\.(\d+)\.(label|url)$/.exec(field);
    const row = match ? rows[Number(match[1])] : undefined;
    result[match && row !== undefined ? `links.${row}.${match[2]}` : field] = message;
  }
  return result;
}

const FIELDS = new Set(['displayName', 'username', 'bio', 'links']);

function isFieldError(field: string) {
  return FIELDS.has(field) || /^links\.\d+\.(label|url)$/.test(field);
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const formData = await request.formData();
  await assertCsrf(request, formData);

  const { links, rows, all } = readLinks(formData);
  const values: ProfileValues = {
    displayName: formText(formData, 'displayName'),
    username: formText(formData, 'username'),
    bio: formText(formData, 'bio'),
    links: all,
  };
  const changes: UpdateMe = {
    displayName: values.displayName,
    bio: values.bio,
    links,
    // A username cannot be removed once chosen; an empty field leaves it as it is.
    ...(values.username ? { username: values.username } : {}),
  };
  const parsed = updateMeSchema.safeParse(changes, { error: friendlyErrors });
  if (!parsed.success) {
    return data<ProfileActionData>(
      { errors: toRows(fieldErrorsFromZod(parsed.error), rows), values },
      { status: 400, headers },
    );
  }

  try {
    const me = await createApiClient(request, user.accessToken).me.update(parsed.data);
    session.set('display_name', me.displayName);
  } catch (error) {
    if (!(error instanceof ApiError)) {
      if (isApiOutage(error)) {
        console.warn(`[web] profile update: ${(error as Error).message}`);
        return data<ProfileActionData>(
          { values, formError: 'We could not save your profile. Please try again in a moment.' },
          { status: 503, headers },
        );
      }
      throw error;
    }
    if (error.status === 401) throw await signedOutRedirect(request, session);
    if (error.code === 'USERNAME_TAKEN') {
      return data<ProfileActionData>(
        { values, errors: { username: 'That username is taken. Try another one.' } },
        { status: 409, headers },
      );
    }
    if (error.code === 'VALIDATION_FAILED') {
      const errors = toRows(fieldErrorsFromApi(error.problem.errors), rows);
      const known = Object.keys(errors).some(isFieldError);
      return data<ProfileActionData>(
        { values, errors, ...(known ? {} : { formError: error.message }) },
        { status: 400, headers },
      );
    }
    if (error.code === 'ACCOUNT_SUSPENDED') {
      return data<ProfileActionData>(
        { values, formError: 'Your account is suspended, so your profile cannot be changed.' },
        { status: 403, headers },
      );
    }
    if (error.status >= 500) {
      console.warn(`[web] profile update: ${error.message}`);
      return data<ProfileActionData>(
        { values, formError: 'We could not save your profile. Please try again in a moment.' },
        { status: 503, headers },
      );
    }
    return data<ProfileActionData>(
      { values, formError: error.message },
      { status: error.status, headers },
    );
  }
  throw redirect('/account?saved=profile', { headers: await commitSession(session) });
}
