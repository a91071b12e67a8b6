import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRIVATE_NO_STORE } from '../lib/cache-headers';
import { PROMPT_ID, problem } from '../test/catalog';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { cacheControlOf } from '../test/headers';
import { promptContent } from '../test/orders';
import { outcome, pageRequest, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let answer: FakeAnswer;

beforeAll(async () => {
  api = await startFakeApi((call) =>
    call.method === 'GET' && call.url === `/api/prompts/${PROMPT_ID}/content` ? answer : undefined,
  );
});
afterAll(() => api.close());
beforeEach(() => {
  answer = { status: 200, body: promptContent() };
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const base = `/library/${PROMPT_ID}`;

async function item(path = base, cookie?: string) {
  const { loader } = await withApi(api.url, () => import('./library.$promptId.server'));
  return outcome(() =>
    loader({ request: pageRequest(path, cookie), params: { promptId: PROMPT_ID }, context: {} }),
  );
}

interface ItemData {
  prompt: { id: string; title: string; access: string };
  versions: { version: number; changelog: string }[];
  version: { version: number; template: string; variables: { name: string }[] } | null;
  values: Record<string, string>;
  filled: string;
}

describe('library item', () => {
  it('sends a signed-out visitor to sign in and back', async () => {
    const result = await item();
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe(`/signin?redirectTo=${encodeURIComponent(base)}`);
    expect(api.calls).toEqual([]);
  });

  it('shows the newest version by default, and only its template', async () => {
    const result = await item(base, await signedInCookie());
    expect(result.status).toBe(200);
    expect(api.calls[0]?.headers.authorization).toBe('Bearer access-signed-in');
    const data = result.data as ItemData;
    expect(data.prompt).toEqual({ id: PROMPT_ID, title: 'Code review buddy', access: 'buyer' });
    expect(data.version?.version).toBe(2);
    // Every version the buyer may use, with its changelog, newest first...
    expect(data.versions.map((v) => [v.version, v.changelog])).toEqual([
      [2, 'Handles larger diffs.'],
      [1, 'First release.'],
    ]);
    // ...but the text of the chosen one only.
    expect(JSON.stringify(data)).toContain('SECRET-V2');
    expect(JSON.stringify(data)).not.toContain('SECRET-V1');
    expect(data.filled).toBe(data.version?.template);
  });

  it('picks an older version from ?version=, and falls back to the newest for an unknown one', async () => {
    const cookie = await signedInCookie();
    const older = (await item(`${base}?version=1`, cookie)).data as ItemData;
    expect(older.version?.version).toBe(1);
    expect(older.filled).toBe('Review this diff: [diff] SECRET-V1');
    const unknown = (await item(`${base}?version=9`, cookie)).data as ItemData;
    expect(unknown.version?.version).toBe(2);
  });

  it('fills the template on the server from the GET form (no JavaScript)', async () => {
    const query = new URLSearchParams({
      version: '2',
      'var.language': 'Rust',
      'var.diff': '+ fn main() {}',
      'var.points': '3',
      'var.audience': 'senior',
      // Not a variable of this version: ignored.
      'var.other': 'nope',
    });
    const data = (await item(`${base}?${query}`, await signedInCookie())).data as ItemData;
    expect(data.values).toEqual({
      language: 'Rust',
      diff: '+ fn main() {}',
      points: '3',
      audience: 'senior',
    });
    expect(data.filled).toBe(
      'Review this Rust diff for a senior reader in 3 points:\n+ fn main() {}\nSECRET-V2',
    );
  });

  it('leaves placeholders without a value as they are', async () => {
    const data = (await item(`${base}?var.language=Go&var.points=`, await signedInCookie()))
      .data as ItemData;
    expect(data.filled).toBe(
      'Review this Go diff for a [audience] reader in [points] points:\n[diff]\nSECRET-V2',
    );
  });

  it('answers 403 to someone who does not own it (the error page links to the prompt)', async () => {
    answer = problem(403, 'FORBIDDEN', { detail: 'you do not own this prompt' });
    const result = await item(base, await signedInCookie());
    expect(result.status).toBe(403);
  });

  it('answers 404 for a prompt that does not exist, or an id that cannot be one', async () => {
    answer = problem(404, 'NOT_FOUND');
    expect((await item(base, await signedInCookie())).status).toBe(404);
    answer = problem(400, 'VALIDATION_FAILED');
    expect((await item(base, await signedInCookie())).status).toBe(404);
  });

  it('signs out a visitor whose token the API refuses', async () => {
    answer = problem(401, 'UNAUTHENTICATED');
    const result = await item(base, await signedInCookie());
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe(`/signin?redirectTo=${encodeURIComponent(base)}`);
  });

  it('shows a 503 page when the API fails', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    answer = problem(503, 'DATABASE_UNAVAILABLE');
    expect((await item(base, await signedInCookie())).status).toBe(503);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('is private, no-store: the template is never cached', async () => {
    expect(cacheControlOf(await import('./library.$promptId'))).toBe(PRIVATE_NO_STORE);
  });
});
