import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  createPaidOrder,
  createPublishedPrompt,
  createSeller,
  createUser,
} from './testing/factories.js';
import { sqlStateOf, useTestDatabase } from './testing/index.js';
import { withUser } from './with-user.js';

const database = await useTestDatabase();
const { db } = database;

describe('refresh_trending_scores', () => {
  it('ranks a prompt with recent sales above an equal one without', async () => {
    const seller = await createSeller(db);
    const quiet = await createPublishedPrompt(db, seller);
    const selling = await createPublishedPrompt(db, seller);
    for (let i = 0; i < 3; i++) await createPaidOrder(db, await createUser(db), [selling]);
    const [changed] = await db.execute<{ n: number }>(
      sql`select public.refresh_trending_scores() as n`,
    );
    expect(changed?.n).toBeGreaterThanOrEqual(2);
    const rows = await db.execute<{ id: string; trending_score: number }>(
      sql`select id, trending_score from prompts where id in (${quiet.prompt.id}, ${selling.prompt.id})`,
    );
    const score = (id: string) => rows.find((r) => r.id === id)!.trending_score;
    expect(score(selling.prompt.id)).toBeGreaterThan(score(quiet.prompt.id));
    // Scores decay with age, so values drift between runs but the order holds.
    await db.execute(sql`select public.refresh_trending_scores()`);
    const [top] = await db.execute<{ id: string }>(
      sql`select id from prompts where id in (${quiet.prompt.id}, ${selling.prompt.id}) order by trending_score desc limit 1`,
    );
    expect(top?.id).toBe(selling.prompt.id);
  });

  it('is system work: request roles cannot call it', async () => {
    const user = await createUser(db);
    const state = await sqlStateOf(
      withUser(db, { role: 'authenticated', sub: user.id }, (tx) =>
        tx.execute(sql`select public.refresh_trending_scores()`),
      ),
    );
    expect(state).toBe('42501');
  });
});
