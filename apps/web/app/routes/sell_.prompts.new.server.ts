import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { createApiClient } from '../lib/api.server';
import { assertCsrf } from '../lib/csrf.server';
import { editorActionProblem, editorFailure, NOT_A_SELLER_PATH } from '../lib/editor.server';
import type { FieldErrors } from '../lib/form-errors';
import { loadMe } from '../lib/me.server';
import {
  LISTING_FIELDS,
  type ListingValues,
  listingFieldOf,
  listingInput,
  readListingForm,
} from '../lib/prompt-form';
import { editorPath } from '../lib/seller-prompts';
import { requireUser } from '../lib/session.server';

export interface NewPromptActionData {
  values: ListingValues;
  errors: FieldErrors;
  formError: string | null;
}

/** GET /sell/prompts/new: sellers only; the form needs the categories. */
export async function loader({ request }: LoaderFunctionArgs) {
  const context = await requireUser(request);
  const me = await loadMe(request, context.user, context.session);
  const canSell = (me.role === 'seller' || me.role === 'admin') && me.status === 'active';
  if (!canSell) throw redirect(NOT_A_SELLER_PATH, { headers: context.headers });
  try {
    const { items } = await createApiClient(request).categories.list();
    return data(
      { categories: items.map(({ slug, name }) => ({ slug, name })) },
      { headers: context.headers },
    );
  } catch (error) {
    return editorFailure(error, request, context, 'new prompt');
  }
}

/** POST /sell/prompts/new: creates the draft, then opens its editor. */
export async function action({ request }: ActionFunctionArgs) {
  const context = await requireUser(request);
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const values = readListingForm(formData);
  const { input, errors } = listingInput(values);
  if (!input) {
    return data<NewPromptActionData>(
      { values, errors, formError: null },
      { status: 400, headers: context.headers },
    );
  }
  let promptId: string;
  try {
    promptId = (await createApiClient(request, context.user.accessToken).editor.create(input)).id;
  } catch (error) {
    const problem = await editorActionProblem(error, request, context, 'create prompt', {
      fieldOf: listingFieldOf,
      isField: (field) => LISTING_FIELDS.has(field),
    });
    return data<NewPromptActionData>(
      { values, errors: problem.errors, formError: problem.formError },
      { status: problem.status, headers: context.headers },
    );
  }
  throw redirect(`${editorPath(promptId)}?notice=created`, { headers: context.headers });
}
