import { ASSET_MAX_BYTES } from '@promptnx/schema';
import { ApiError } from '@promptnx/sdk';
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node';
import { createApiClient, isApiOutage } from '../lib/api.server';
import { PRIVATE_NO_STORE } from '../lib/cache-headers';
import { assertCsrf, assertSameOrigin, CSRF_FIELD } from '../lib/csrf.server';
import { isNotSeller, NOT_A_SELLER_PATH } from '../lib/editor.server';
import {
  FILES_PER_POST,
  isAssetType,
  UPLOAD_ERRORS,
  type UploadAnswer,
  type UploadErrorCode,
} from '../lib/prompt-assets';
import { editorPath } from '../lib/seller-prompts';
import { clearUser, commitSession, requireUser, signInUrl } from '../lib/session.server';

// Room for the multipart boundaries and the small fields around the images.
const MULTIPART_OVERHEAD = 64 * 1024;

const FIELDS = new Set(['file', 'versionId', 'altText', CSRF_FIELD]);

export function loader({ params }: LoaderFunctionArgs) {
  return redirect(editorPath(params.id ?? ''));
}

function sentence(text: string) {
  const first = text.trim().charAt(0).toUpperCase() + text.trim().slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/** An API refusal of one image as an upload error code (and the API's words, when useful). */
function uploadErrorOf(error: ApiError): {
  code: UploadErrorCode;
  status: number;
  detail?: string;
} {
  switch (error.code) {
    case 'PAYLOAD_TOO_LARGE':
      return { code: 'too-large', status: 413 };
    case 'UNSUPPORTED_MEDIA_TYPE':
    case 'BAD_REQUEST':
      return { code: 'type', status: 415 };
    default: {
      const detail = error.problem.detail ? sentence(error.problem.detail) : undefined;
      return { code: 'refused', status: error.status, ...(detail ? { detail } : {}) };
    }
  }
}

/**
 * POST /sell/prompts/:id/assets: example outputs of a prompt, forwarded to the API one
 * image at a time. The editor's upload script sends one file per request and asks for JSON
 * (to show each file's progress); without JavaScript the form posts here with up to
 * FILES_PER_POST files and is redirected back to the editor.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const promptId = params.id ?? '';
  const wantsJson = (request.headers.get('Accept') ?? '').includes('application/json');
  const back = editorPath(promptId);

  let auth: Awaited<ReturnType<typeof requireUser>>;
  try {
    auth = await requireUser(request);
  } catch (error) {
    if (wantsJson && error instanceof Response) {
      return answer(
        { ok: false, code: 'session', error: UPLOAD_ERRORS.session },
        401,
        error.headers,
      );
    }
    throw error;
  }
  const { user, session, headers } = auth;

  function answer(body: UploadAnswer, status: number, extra?: Headers) {
    const responseHeaders = new Headers(extra ?? headers);
    responseHeaders.set('Cache-Control', PRIVATE_NO_STORE);
    return Response.json(body, { status, headers: responseHeaders });
  }

  const fail = (code: UploadErrorCode, status: number, uploaded = 0, detail?: string) =>
    wantsJson
      ? answer({ ok: false, code, error: detail ?? UPLOAD_ERRORS[code] }, status)
      : redirect(
          `${back}?${new URLSearchParams({
            uploadError: code,
            ...(uploaded ? { uploaded: String(uploaded) } : {}),
          })}#examples`,
          { headers },
        );

  assertSameOrigin(request);
  // Refuse an oversized upload before reading it: the script sends one image per request.
  const filesAllowed = wantsJson ? 1 : FILES_PER_POST;
  const length = Number(request.headers.get('Content-Length') ?? 0);
  if (length > filesAllowed * ASSET_MAX_BYTES + MULTIPART_OVERHEAD) {
    return fail(wantsJson ? 'too-large' : 'too-many-files', 413);
  }

  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({
        maxPartSize: ASSET_MAX_BYTES,
        filter: ({ name }) => FIELDS.has(name),
      }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return fail('too-large', 413);
    // Not a multipart body at all.
    return fail('missing', 400);
  }
  try {
    await assertCsrf(request, formData);
  } catch (error) {
    if (wantsJson && error instanceof Response) return fail('expired', 403);
    throw error;
  }

  const files = formData
    .getAll('file')
    .filter((file): file is File => file instanceof Blob && file.size > 0);
  if (files.length === 0) return fail('missing', 400);
  if (files.length > filesAllowed) return fail('too-many-files', 413);
  const versionId = formData.get('versionId');
  const altText = formData.get('altText');
  const options = {
    ...(typeof versionId === 'string' && versionId ? { versionId } : {}),
    ...(typeof altText === 'string' && altText.trim() ? { altText: altText.trim() } : {}),
  };

  const api = createApiClient(request, user.accessToken);
  const assetIds: string[] = [];
  for (const file of files) {
    // The bytes decide at the API; a file that does not even claim to be an image stops here.
    if (!isAssetType(file.type)) return fail('type', 415, assetIds.length);
    try {
      assetIds.push((await api.editor.uploadAsset(promptId, file, file.type, options)).id);
    } catch (error) {
      if (error instanceof ApiError) {
        if (error.status === 401) {
          clearUser(session);
          const cookie = await commitSession(session);
          return wantsJson
            ? answer({ ok: false, code: 'session', error: UPLOAD_ERRORS.session }, 401, cookie)
            : redirect(signInUrl(new Request(new URL(back, request.url))), { headers: cookie });
        }
        if (error.code === 'ACCOUNT_SUSPENDED') return fail('suspended', 403, assetIds.length);
        if (isNotSeller(error)) {
          return wantsJson
            ? answer({ ok: false, code: 'refused', error: UPLOAD_ERRORS.refused }, 403)
            : redirect(NOT_A_SELLER_PATH, { headers });
        }
        if (error.status === 404) {
          throw new Response('Not Found', { status: 404, statusText: 'Not Found' });
        }
        if (error.status < 500) {
          const refusal = uploadErrorOf(error);
          return fail(refusal.code, refusal.status, assetIds.length, refusal.detail);
        }
      }
      if (isApiOutage(error)) {
        console.warn(`[web] example upload: ${(error as Error).message}`);
        return fail('unavailable', 503, assetIds.length);
      }
      throw error;
    }
  }
  return wantsJson
    ? answer({ ok: true, assetIds }, 200)
    : redirect(`${back}?uploaded=${assetIds.length}#examples`, { headers });
}
