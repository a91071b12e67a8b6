import type { CategoryWithCount, PromptList } from '@promptnx/schema';
import { ApiError } from '@promptnx/sdk';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { createApiClient } from '../lib/api.server';
import { catalogData, catalogFailure, getViewer, presentList } from '../lib/catalog.server';
import { type FieldErrors, fieldErrorsFromApi } from '../lib/form-errors';
import { readSearchParams, searchFieldOf } from '../lib/search-query';

/** The fields of the search form; an API complaint about any other one is shown above it. */
const FORM_FIELDS = new Set(['q', 'category', 'model', 'minPrice', 'maxPrice', 'free', 'sort']);

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const url = new URL(request.url);
  const { values, query, cursor, errors } = readSearchParams(url.searchParams);
  const api = createApiClient(request);

  let results: PromptList | null = null;
  let fieldErrors: FieldErrors = errors;
  let formError: string | null = null;
  let categories: CategoryWithCount[];
  try {
    const [categoryList, list] = await Promise.all([
      api.categories.list(),
      query ? askForPrompts(() => api.prompts.list({ ...query, cursor }), query.category) : null,
    ]);
    categories = categoryList.items;
    if (list && 'problem' in list) {
      fieldErrors = {};
      for (const [field, message] of Object.entries(fieldErrorsFromApi(list.problem.errors))) {
        fieldErrors[searchFieldOf(field)] = message;
      }
      const unplaced = Object.keys(fieldErrors).filter((field) => !FORM_FIELDS.has(field));
      if (unplaced.length > 0 || Object.keys(fieldErrors).length === 0) {
        formError = fieldErrors.cursor
          ? 'That page of results is no longer available. Start again from the first page.'
          : `These filters cannot be used: ${list.problem.detail ?? list.problem.title}.`;
      }
    } else if (list) {
      results = presentList(list);
    }
  } catch (error) {
    return catalogFailure(error, request, 'search', viewer.session);
  }
  if (errors.cursor) formError = 'That page of results is not available.';

  return catalogData(
    {
      values,
      errors: fieldErrors,
      formError,
      categories: categories.map(({ slug, name }) => ({ slug, name })),
      results,
      cursor: cursor ?? null,
    },
    viewer,
  );
}

/**
 * prompts.list(), with the API's refusal of the filters (400, or 404 for a category that
 * does not exist) as an answer shown beside the field, not a crash.
 */
async function askForPrompts(
  list: () => Promise<PromptList>,
  category: string | undefined,
): Promise<PromptList | { problem: ApiError['problem'] }> {
  try {
    return await list();
  } catch (error) {
    if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
      return { problem: error.problem };
    }
    if (error instanceof ApiError && error.code === 'NOT_FOUND' && category) {
      return {
        problem: { ...error.problem, errors: [{ field: 'category', message: 'no such category' }] },
      };
    }
    throw error;
  }
}
