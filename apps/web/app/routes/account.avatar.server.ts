import { ApiError } from '@promptnx/sdk';
import {
  type ActionFunctionArgs,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node';
import { createApiClient, isApiOutage } from '../lib/api.server';
import { AVATAR_ERRORS, type AvatarErrorCode, MAX_AVATAR_BYTES } from '../lib/avatar';
import { assertCsrf, assertSameOrigin, CSRF_FIELD } from '../lib/csrf.server';
import { browserUrl } from '../lib/me.server';
import { clearUser, commitSession, requireUser } from '../lib/session.server';

// Room for the multipart boundaries and the CSRF field around the picture.
const MULTIPART_OVERHEAD = 64 * 1024;

export function loader() {
  return redirect('/account');
}

/**
 * POST /account/avatar: the account page's picture form. The browser's upload script asks
 * for JSON (to show progress, then refresh the page's data); without JavaScript the form
 * posts here and is redirected back to the account page.
 */
export async function action({ request }: ActionFunctionArgs) {
  const wantsJson = (request.headers.get('Accept') ?? '').includes('application/json');

  let auth: Awaited<ReturnType<typeof requireUser>>;
  try {
    auth = await requireUser(request);
  } catch (error) {
    if (wantsJson && error instanceof Response) {
      return Response.json(
        { ok: false, error: 'Your session has ended. Sign in again to upload a picture.' },
        { status: 401, headers: error.headers },
      );
    }
    throw error;
  }
  const { user, session, headers } = auth;

  const fail = (code: AvatarErrorCode, status: number, detail?: string) =>
    wantsJson
      ? Response.json({ ok: false, error: detail ?? AVATAR_ERRORS[code] }, { status, headers })
      : redirect(`/account?avatarError=${code}`, { headers });

  assertSameOrigin(request);
  // Refuse an oversized upload before reading it.
  const length = Number(request.headers.get('Content-Length') ?? 0);
  if (length > MAX_AVATAR_BYTES + MULTIPART_OVERHEAD) return fail('too-large', 413);

  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({
        maxPartSize: MAX_AVATAR_BYTES,
        filter: ({ name }) => name === 'avatar' || name === CSRF_FIELD,
      }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return fail('too-large', 413);
    // Not a multipart body at all.
    return fail('missing', 400);
  }
  await assertCsrf(request, formData);

  const file = formData.get('avatar');
  if (!(file instanceof Blob) || file.size === 0) return fail('missing', 400);

  try {
    const me = await createApiClient(request, user.accessToken).me.uploadAvatar(
      file,
      file.type || 'application/octet-stream',
    );
    return wantsJson
      ? Response.json({ ok: true, avatarUrl: browserUrl(me.avatarUrl) }, { headers })
      : redirect('/account?saved=avatar', { headers });
  } catch (error) {
    if (error instanceof ApiError) {
      if (error.status === 401) {
        clearUser(session);
        const cookie = await commitSession(session);
        return wantsJson
          ? Response.json(
              { ok: false, error: 'Your session has ended. Sign in again to upload a picture.' },
              { status: 401, headers: cookie },
            )
          : redirect('/signin?redirectTo=%2Faccount', { headers: cookie });
      }
      if (error.code === 'PAYLOAD_TOO_LARGE') return fail('too-large', 413);
      if (
        error.code === 'UNSUPPORTED_MEDIA_TYPE' ||
        error.code === 'VALIDATION_FAILED' ||
        error.code === 'BAD_REQUEST'
      ) {
        return fail('type', 415);
      }
      if (error.code === 'ACCOUNT_SUSPENDED') return fail('suspended', 403);
    }
    if (isApiOutage(error) || error instanceof ApiError) {
      console.warn(`[web] avatar upload: ${(error as Error).message}`);
      return fail('unavailable', 503);
    }
    throw error;
  }
}
