import type postgres from 'postgres';

/** The prompt ids waiting in the search outbox, oldest first (one per row). */
export async function queuedPromptIds(sql: postgres.Sql): Promise<string[]> {
  const rows = await sql<{ promptId: string }[]>`
    select prompt_id as "promptId" from public.search_outbox order by id`;
  return rows.map((r) => r.promptId);
}

/** Empties the outbox (tests that want to watch only what they cause). */
export async function clearOutbox(sql: postgres.Sql): Promise<void> {
  await sql`delete from public.search_outbox`;
}
