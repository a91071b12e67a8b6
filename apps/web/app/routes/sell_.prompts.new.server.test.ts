import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { categories, problem } from '../test/catalog';
import { DRAFT_ID, editorPrompt, sellerMe } from '../test/editor';
import { type FakeAnswer, me, startFakeApi } from '../test/fake-api';
import { formPost, outcome, pageRequest, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let meAnswer: FakeAnswer;
let createAnswer: FakeAnswer;

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (call.method === 'GET' && call.url === '/api/me') return meAnswer;
    if (call.method === 'GET' && call.url === '/api/categories') {
      return { status: 200, body: { items: categories } };
    }
    if (call.method === 'POST' && call.url === '/api/prompts') return createAnswer;
    return undefined;
  });
});
afterAll(() => api.close());
beforeEach(() => {
  meAnswer = { status: 200, body: sellerMe() };
  createAnswer = { status: 201, body: editorPrompt() };
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
});

const load = () => withApi(api.url, () => import('./sell_.prompts.new.server'));

const LISTING = {
  title: 'Watercolor dusk',
  description: 'Soft watercolor scenes.',
  category: 'image-generation',
  targetModel: 'midjourney',
  tags: 'Watercolor, dusk',
  pricing: 'paid',
  price: '4.99',
};

async function post(fields: Record<string, string>, cookie?: string) {
  const { action } = await load();
  const request = await formPost('/sell/prompts/new', fields, cookie ?? (await signedInCookie()));
  return outcome(() => action({ request, params: {}, context: {} }));
}

describe('new prompt page', () => {
  it('sends a signed-out visitor to sign in and back', async () => {
    const { loader } = await load();
    const result = await outcome(() =>
      loader({ request: pageRequest('/sell/prompts/new'), params: {}, context: {} }),
    );
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/signin?redirectTo=%2Fsell%2Fprompts%2Fnew');
  });

  it('sends a buyer to become a seller first', async () => {
    meAnswer = { status: 200, body: me() };
    const { loader } = await load();
    const request = pageRequest('/sell/prompts/new', await signedInCookie());
    const result = await outcome(() => loader({ request, params: {}, context: {} }));
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/sell');
  });

  it('gives a seller the form with the categories', async () => {
    const { loader } = await load();
    const request = pageRequest('/sell/prompts/new', await signedInCookie());
    const result = await outcome(() => loader({ request, params: {}, context: {} }));
    expect(result.status).toBe(200);
    expect(result.data).toEqual({
      categories: categories.map(({ slug, name }) => ({ slug, name })),
    });
  });

  it('creates the draft in cents with its tags, then opens the editor', async () => {
    const result = await post(LISTING);
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe(`/sell/prompts/${DRAFT_ID}?notice=created`);
    const create = api.calls.find((c) => c.method === 'POST');
    expect(create?.headers.authorization).toBe('Bearer access-signed-in');
    expect(create?.body).toEqual({
      title: 'Watercolor dusk',
      description: 'Soft watercolor scenes.',
      category: 'image-generation',
      targetModel: 'midjourney',
      tags: ['watercolor', 'dusk'],
      price: { amount: 499, currency: 'usd' },
    });
  });

  it('creates a free prompt, whatever the price field holds', async () => {
    await post({ ...LISTING, pricing: 'free', price: '9.99' });
    expect(api.calls.find((c) => c.method === 'POST')?.body).toMatchObject({
      price: { amount: 0, currency: 'usd' },
    });
  });

  it('shows a price that is not dollars next to its field, without asking the API', async () => {
    const result = await post({ ...LISTING, price: 'ten bucks' });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      errors: { price: 'Enter a price in dollars, like 4.99.' },
      values: { price: 'ten bucks', title: 'Watercolor dusk' },
    });
    expect(api.calls).toEqual([]);
  });

  it('puts the API’s field errors next to the fields, keeping what was typed', async () => {
    createAnswer = problem(400, 'VALIDATION_FAILED', {
      detail: 'invalid title, tags.1, price.amount',
      errors: [
        { field: 'title', message: 'Too small: expected string to have >=3 characters' },
        { field: 'tags.1', message: 'letters, digits, spaces and + # . -' },
        { field: 'price.amount', message: 'Too big' },
      ],
    });
    const result = await post({ ...LISTING, title: 'ab' });
    expect(result.status).toBe(400);
    expect(result.data).toEqual({
      values: { ...LISTING, title: 'ab' },
      errors: {
        title: 'Too small: expected string to have >=3 characters',
        tags: 'Letters, digits, spaces and + # . -',
        price: 'Too big',
      },
      formError: 'Some fields need another look.',
    });
  });

  it('sends someone the API does not let sell to /sell', async () => {
    createAnswer = problem(403, 'SELLER_REQUIRED');
    const result = await post(LISTING);
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/sell');
  });

  it('refuses a post without the CSRF token', async () => {
    const result = await post({ ...LISTING, csrf: 'forged' });
    expect(result.status).toBe(403);
    expect(api.calls).toEqual([]);
  });
});
