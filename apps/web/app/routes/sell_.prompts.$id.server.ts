import type { CategoryWithCount, EditorPrompt } from '@promptnx/schema';
import { ApiError } from '@promptnx/sdk';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { z } from 'zod';
import { createApiClient } from '../lib/api.server';
import { assertCsrf } from '../lib/csrf.server';
import {
  type EditorActionProblem,
  editorActionProblem,
  editorFailure,
  presentEditorPrompt,
  type SellerContext,
} from '../lib/editor.server';
import { type FieldErrors, formText } from '../lib/form-errors';
import { uploadErrorMessage } from '../lib/prompt-assets';
import {
  isVersionField,
  LISTING_FIELDS,
  type ListingValues,
  listingFieldOf,
  listingInput,
  readListingForm,
  readVersionForm,
  type VersionValues,
  versionFieldOf,
  versionInput,
} from '../lib/prompt-form';
import { editorPath } from '../lib/seller-prompts';
import { requireUser } from '../lib/session.server';

const NOTICES: Record<string, string> = {
  created: 'Your draft is saved. Next: add a version with the template, and example outputs.',
  'listing-saved': 'The listing is saved.',
  'version-added': 'The version is added.',
  'version-saved': 'The version is saved.',
  'version-deleted': 'The version is deleted.',
  'asset-saved': 'The alt text is saved.',
  'asset-deleted': 'The image is deleted.',
  submitted:
    'Submitted for review. A moderator looks at it soon; you can see its status here and in your prompts.',
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireUser(request);
  const api = createApiClient(request, context.user.accessToken);
  let prompt: EditorPrompt;
  let categories: CategoryWithCount[];
  try {
    [prompt, { items: categories }] = await Promise.all([
      api.editor.get(params.id ?? ''),
      api.categories.list(),
    ]);
  } catch (error) {
    return editorFailure(error, request, context, 'prompt editor');
  }
  const url = new URL(request.url);
  const uploaded = Number(url.searchParams.get('uploaded') ?? 0);
  const uploadError = uploadErrorMessage(url.searchParams.get('uploadError'));
  return data(
    {
      prompt: presentEditorPrompt(prompt),
      categories: categories.map(({ slug, name }) => ({ slug, name })),
      notice:
        NOTICES[url.searchParams.get('notice') ?? ''] ??
        (uploaded > 0 && !uploadError
          ? `${uploaded === 1 ? 'The image is' : `${uploaded} images are`} uploaded.`
          : null),
      uploadError:
        uploadError && uploaded > 0
          ? `${uploaded} uploaded; the next one failed. ${uploadError}`
          : uploadError,
    },
    { headers: context.headers },
  );
}

export type EditorIntent =
  | 'update-listing'
  | 'add-version'
  | 'update-version'
  | 'delete-version'
  | 'update-asset'
  | 'delete-asset'
  | 'submit'
  | 'delete-prompt';

/** What a refused post shows, next to the form it came from (`target`: a version or asset id). */
export interface EditorActionData {
  intent: EditorIntent | null;
  target: string | null;
  errors: FieldErrors;
  formError: string | null;
  listing?: ListingValues;
  version?: VersionValues;
}

const intentSchema = z.enum([
  'update-listing',
  'add-version',
  'update-version',
  'delete-version',
  'update-asset',
  'delete-asset',
  'submit',
  'delete-prompt',
]);
const idSchema = z.uuid();

const STALE_FORM = 'That did not work. Reload the page and try again.';

/** Every form of the editor posts here with its `intent`. */
export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireUser(request);
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const promptId = params.id ?? '';
  const intent = intentSchema.safeParse(formText(formData, 'intent'));
  if (!intent.success) return refused(context, { intent: null, formError: STALE_FORM }, 400);

  switch (intent.data) {
    case 'update-listing':
      return updateListing(request, context, promptId, formData);
    case 'add-version':
    case 'update-version':
      return saveVersion(request, context, promptId, formData, intent.data);
    default:
      return otherAction(request, context, promptId, formData, intent.data);
  }
}

function refused(
  context: SellerContext,
  answer: Partial<EditorActionData> & { intent: EditorIntent | null },
  status: number,
) {
  return data<EditorActionData>(
    { target: null, errors: {}, formError: null, ...answer },
    { status, headers: context.headers },
  );
}

function done(context: SellerContext, promptId: string, notice: string, hash = '') {
  return redirect(`${editorPath(promptId)}?notice=${notice}${hash}`, { headers: context.headers });
}

async function updateListing(
  request: Request,
  context: SellerContext,
  promptId: string,
  formData: FormData,
) {
  const listing = readListingForm(formData);
  const intent = 'update-listing';
  const { input, errors } = listingInput(listing);
  if (!input) return refused(context, { intent, listing, errors }, 400);
  try {
    await createApiClient(request, context.user.accessToken).editor.update(promptId, input);
  } catch (error) {
    const problem = await editorActionProblem(error, request, context, 'save listing', {
      fieldOf: listingFieldOf,
      isField: (field) => LISTING_FIELDS.has(field),
    });
    return refused(context, { intent, listing, ...problemFields(problem) }, problem.status);
  }
  return done(context, promptId, 'listing-saved');
}

function problemFields(problem: EditorActionProblem) {
  return { errors: problem.errors, formError: problem.formError };
}

async function saveVersion(
  request: Request,
  context: SellerContext,
  promptId: string,
  formData: FormData,
  intent: 'add-version' | 'update-version',
) {
  const version = readVersionForm(formData);
  let target: string | null = null;
  if (intent === 'update-version') {
    const versionId = idSchema.safeParse(formText(formData, 'versionId'));
    if (!versionId.success) return refused(context, { intent, formError: STALE_FORM }, 400);
    target = versionId.data;
  }
  const parsed = versionInput(version);
  if (!parsed.input)
    return refused(context, { intent, target, version, errors: parsed.errors }, 400);

  const api = createApiClient(request, context.user.accessToken);
  let saved: EditorPrompt;
  try {
    saved =
      target === null
        ? await api.editor.addVersion(promptId, parsed.input)
        : await api.editor.updateVersion(promptId, target, parsed.input);
  } catch (error) {
    const problem = await editorActionProblem(error, request, context, 'save version', {
      fieldOf: (field) => versionFieldOf(field, parsed.rows),
      isField: isVersionField,
    });
    return refused(context, { intent, target, version, ...problemFields(problem) }, problem.status);
  }
  if (target === null) {
    const newest = Math.max(0, ...saved.versions.map((v) => v.version));
    return done(context, promptId, 'version-added', `#version-${newest}`);
  }
  const number = saved.versions.find((v) => v.id === target)?.version;
  return done(context, promptId, 'version-saved', number ? `#version-${number}` : '');
}

async function otherAction(
  request: Request,
  context: SellerContext,
  promptId: string,
  formData: FormData,
  intent: Exclude<EditorIntent, 'update-listing' | 'add-version' | 'update-version'>,
) {
  const api = createApiClient(request, context.user.accessToken);
  const needsId =
    intent === 'delete-version' || intent === 'update-asset' || intent === 'delete-asset';
  const id = idSchema.safeParse(
    formText(formData, intent === 'delete-version' ? 'versionId' : 'assetId'),
  );
  if (needsId && !id.success) return refused(context, { intent, formError: STALE_FORM }, 400);
  const target = needsId && id.success ? id.data : null;
  try {
    switch (intent) {
      case 'delete-version':
        await api.editor.removeVersion(promptId, target!);
        return done(context, promptId, 'version-deleted');
      case 'update-asset':
        await api.editor.updateAsset(promptId, target!, { altText: formText(formData, 'altText') });
        return done(context, promptId, 'asset-saved', '#examples');
      case 'delete-asset':
        await api.editor.removeAsset(promptId, target!);
        return done(context, promptId, 'asset-deleted', '#examples');
      case 'submit':
        await api.editor.submit(promptId);
        return done(context, promptId, 'submitted');
      case 'delete-prompt':
        await api.editor.remove(promptId);
        return redirect('/sell/prompts?notice=deleted', { headers: context.headers });
    }
  } catch (error) {
    // Deleting something that is already gone is done.
    if (error instanceof ApiError && error.status === 404 && target !== null) {
      if (intent === 'delete-asset') return done(context, promptId, 'asset-deleted', '#examples');
      if (intent === 'delete-version') return done(context, promptId, 'version-deleted');
    }
    const problem = await editorActionProblem(error, request, context, intent, {
      fieldOf: (field) => (field === 'altText' ? 'altText' : field),
      isField: (field) => intent === 'update-asset' && field === 'altText',
    });
    // An alt-text error belongs to its image.
    if (intent === 'update-asset' && problem.errors.altText) {
      return refused(
        context,
        { intent, target, errors: problem.errors, formError: null },
        problem.status,
      );
    }
    return refused(context, { intent, target, formError: problem.formError }, problem.status);
  }
}
