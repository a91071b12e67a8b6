import {
  createCategory,
  createPublishedPrompt,
  createSeller,
  useTestDatabase,
} from '@promptnx/db/testing';
import { promptListSchema } from '@promptnx/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.js';

const database = await useTestDatabase();
const app = await buildTestApp(database);
const category = await createCategory(database.db);
const seller = await createSeller(database.db);

async function titles(q: string) {
  const res = await app.inject({
    url: `/api/prompts?q=${encodeURIComponent(q)}`,
    // A fresh answer, not the 30-second phase-1 cache.
    headers: { 'cache-control': 'no-cache' },
  });
  expect(res.statusCode, res.body).toBe(200);
  return promptListSchema.parse(res.json()).items.map((i) => i.title);
}

describe('typo tolerance keeps up with the catalog', () => {
  it('a prompt published after the word list was read is found by a typo at once', async () => {
    await createPublishedPrompt(database.db, seller, {
      categoryId: category.id,
      title: 'Quillfeather outline writer',
    });
    // The first typo search loads the word list.
    expect(await titles('quilfeather')).toEqual(['Quillfeather outline writer']);

    await createPublishedPrompt(database.db, seller, {
      categoryId: category.id,
      title: 'Lanternfloatia paper lanterns',
      tags: ['night'],
    });
    expect(await titles('lanternflotia')).toEqual(['Lanternfloatia paper lanterns']);
    expect(await titles('Lanternfloatia')).toEqual(['Lanternfloatia paper lanterns']);
  });
});
