import { randomUUID } from 'node:crypto';
import { eq, type SQL, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Transaction } from '../client.js';
import { sqlStateOfError } from '../errors.js';
import {
  auditLogs,
  chatMessages,
  chatThreads,
  embeddedCheckoutSessions,
  embeddedTransfers,
  favorites,
  ledgerEntries,
  moderationFlags,
  notificationPreferences,
  notifications,
  notificationUnsubscribeTokens,
  outboundEmails,
  payouts,
  promptAssets,
  promptReports,
  promptVersions,
  promptViewDays,
  realtimeTickets,
  refunds,
  reviewReports,
  reviewRevisions,
  searchOutbox,
  stripeEvents,
  usageCounters,
  userBlocks,
} from '../schema/index.js';
import {
  addVersion,
  createAdmin,
  createCategory,
  createDraftPrompt,
  createPaidOrder,
  createPublishedPrompt,
  createReview,
  createSeller,
  createUser,
  grantEntitlement,
  setPromptStatus,
  type TestUser,
} from '../testing/factories.js';
import { useTestDatabase } from '../testing/index.js';
import { anonClaims, withUser } from '../with-user.js';
import { ACTORS, type Actor, OPERATIONS, type Operation, RLS_MATRIX } from './matrix.js';

const database = await useTestDatabase();
const { db } = database;

type Values = Record<string, unknown>;

/** How a case's row is found, what gets inserted and which column changes. */
interface CaseSpec {
  key: Values;
  insert: Values;
  update: [column: string, value: unknown];
}

let actors: Record<Exclude<Actor, 'anon'>, TestUser>;
let specs: Record<string, CaseSpec>;

/** The rows every case looks at, written as system code would write them. */
async function buildWorld() {
  const ownerBuyer = await createUser(db);
  const otherBuyer = await createUser(db);
  const ownerSeller = await createSeller(db);
  const otherSeller = await createSeller(db);
  const admin = await createAdmin(db);
  const bystander = await createUser(db);
  actors = {
    owner_buyer: ownerBuyer,
    other_buyer: otherBuyer,
    owner_seller: ownerSeller,
    other_seller: otherSeller,
    admin,
  };
  const { id: categoryId } = await createCategory(db);

  // owner_seller's catalogue; owner_buyer bought or was given all but the draft.
  const bought = await createPublishedPrompt(db, ownerSeller, { categoryId });
  const draftVersion = await addVersion(db, bought.prompt, { template: 'Draft v2: {{topic}}' });
  const untemplatedVersion = await addVersion(db, bought.prompt, { template: null });
  const pendingVersion = await addVersion(db, bought.prompt, { template: 'Pending v3: [topic]' });
  await db
    .update(promptVersions)
    .set({ status: 'pending_review' })
    .where(eq(promptVersions.id, pendingVersion.id));
  const reviewed = await createPublishedPrompt(db, ownerSeller, { categoryId });
  const unreviewed = await createPublishedPrompt(db, ownerSeller, { categoryId });
  const archived = await createPublishedPrompt(db, ownerSeller, { categoryId });
  await setPromptStatus(db, archived.prompt, 'archived');
  const draft = await createDraftPrompt(db, ownerSeller, { categoryId });
  // other_seller's prompt, bought by other_buyer.
  const elsewhere = await createPublishedPrompt(db, otherSeller, { categoryId });

  const purchase = await createPaidOrder(db, ownerBuyer, [bought]);
  await grantEntitlement(db, ownerBuyer, reviewed.prompt);
  await grantEntitlement(db, ownerBuyer, unreviewed.prompt);
  await grantEntitlement(db, ownerBuyer, archived.prompt);
  const otherPurchase = await createPaidOrder(db, otherBuyer, [elsewhere]);
  await grantEntitlement(db, bystander, bought.prompt);

  const publishedReview = await createReview(db, ownerBuyer, bought.prompt, {
    status: 'published',
  });
  const pendingReview = await createReview(db, ownerBuyer, reviewed.prompt);
  const bystanderReview = await createReview(db, bystander, bought.prompt, {
    status: 'published',
  });
  const otherReview = await createReview(db, otherBuyer, elsewhere.prompt, {
    status: 'published',
  });
  const [report] = await db
    .insert(reviewReports)
    .values({ reviewId: bystanderReview.id, reporterId: ownerBuyer.id, reason: 'fake' })
    .returning();
  const [revision] = await db
    .insert(reviewRevisions)
    .values({
      reviewId: publishedReview.id,
      rating: 2,
      body: 'First impressions.',
      status: 'published',
      writtenAt: new Date(),
    })
    .returning();
  const [promptReport] = await db
    .insert(promptReports)
    .values({ promptId: bought.prompt.id, reporterId: ownerBuyer.id, reason: 'misleading' })
    .returning();

  const asset = (promptId: string) => ({
    promptId,
    storagePath: `${ownerSeller.id}/prompts/2026/11/${randomUUID()}.png`,
    mimeType: 'image/png' as const,
    sizeBytes: 2048,
    width: 512,
    height: 512,
  });
  const [publishedAsset] = await db
    .insert(promptAssets)
    .values(asset(bought.prompt.id))
    .returning();
  const [draftAsset] = await db.insert(promptAssets).values(asset(draft.prompt.id)).returning();

  await db.insert(favorites).values({ userId: ownerBuyer.id, promptId: bought.prompt.id });

  const item = purchase.items[0]!;
  const [credit] = await db
    .insert(ledgerEntries)
    .values({
      sellerId: ownerSeller.id,
      kind: 'sale',
      direction: 'credit',
      amount: item.sellerEarningsAmount,
      orderItemId: item.id,
    })
    .returning();
  const [payout] = await db
    .insert(payouts)
    .values({ sellerId: ownerSeller.id, amount: 1500, idempotencyKey: `payout-${randomUUID()}` })
    .returning();
  const [transfer] = await db
    .insert(embeddedTransfers)
    .values({
      id: `tr_local_${randomUUID().replaceAll('-', '')}`,
      idempotencyKey: `promptnx-payout-${payout!.id}`,
      payoutId: payout!.id,
      sellerId: ownerSeller.id,
      destination: 'acct_local_owner',
      amount: 1500,
    })
    .returning();
  await db
    .insert(promptViewDays)
    .values({ promptId: bought.prompt.id, day: '2026-11-20', sellerId: ownerSeller.id, views: 7 });
  const eventId = `evt_${randomUUID().replaceAll('-', '')}`;
  await db
    .insert(stripeEvents)
    .values({ id: eventId, type: 'checkout.session.completed', payload: { id: eventId } });

  const [thread] = await db
    .insert(chatThreads)
    .values({
      buyerId: ownerBuyer.id,
      sellerId: ownerSeller.id,
      promptId: bought.prompt.id,
      orderId: purchase.order.id,
      subject: 'About my order',
    })
    .returning();
  const [message] = await db
    .insert(chatMessages)
    .values({ threadId: thread!.id, senderId: ownerBuyer.id, body: 'Does it work with Gemini?' })
    .returning();
  await db.insert(userBlocks).values({ blockerId: ownerBuyer.id, blockedId: bystander.id });
  const ticketHash = 'ab'.repeat(32);
  await db.insert(realtimeTickets).values({
    tokenHash: ticketHash,
    userId: ownerBuyer.id,
    tokenExpiresAt: new Date(Date.now() + 3600_000),
    expiresAt: new Date(Date.now() + 60_000),
  });
  const [notification] = await db
    .insert(notifications)
    .values({ userId: ownerBuyer.id, type: 'purchase', title: 'Your prompt is ready' })
    .returning();
  await db
    .insert(notificationPreferences)
    .values({ userId: ownerBuyer.id, type: 'review', email: false });
  const unsubscribeToken = `unsub_${randomUUID().replaceAll('-', '')}`;
  await db
    .insert(notificationUnsubscribeTokens)
    .values({ token: unsubscribeToken, userId: ownerBuyer.id, type: 'sale' });
  const [log] = await db
    .insert(auditLogs)
    .values({
      actorId: ownerBuyer.id,
      action: 'review.create',
      entityType: 'review',
      entityId: publishedReview.id,
    })
    .returning();
  const [email] = await db
    .insert(outboundEmails)
    .values({
      userId: ownerBuyer.id,
      toAddress: ownerBuyer.email,
      template: 'confirm_signup',
      subject: 'Confirm your e-mail',
      text: 'Confirm: https://example.test/confirm',
      html: '<p>Confirm</p>',
      dedupeKey: `confirm:${ownerBuyer.id}`,
    })
    .returning();
  const [flag] = await db
    .insert(moderationFlags)
    .values({
      promptId: bought.prompt.id,
      versionId: pendingVersion.id,
      kind: 'near_duplicate',
      similarPromptId: draft.prompt.id,
      similarity: 0.93,
    })
    .returning();
  const [queued] = await db.insert(searchOutbox).values({ promptId: bought.prompt.id }).returning();
  const [refund] = await db
    .insert(refunds)
    .values({
      orderId: purchase.order.id,
      kind: 'buyer_request',
      requestedBy: ownerBuyer.id,
      status: 'requested',
      itemIds: [item.id],
      amount: item.priceAmount,
      reason: 'It did not work with my model',
    })
    .returning();
  const [checkoutSession] = await db
    .insert(embeddedCheckoutSessions)
    .values({
      id: `cs_test_${randomUUID().replaceAll('-', '')}`,
      orderId: purchase.order.id,
      amount: purchase.order.totalAmount,
      successUrl: 'http://localhost:3000/checkout/success',
      cancelUrl: 'http://localhost:3000/cart',
      expiresAt: new Date(Date.now() + 3600_000),
    })
    .returning();
  const windowStart = '2026-11-01T00:00:00.000Z';
  await db
    .insert(usageCounters)
    .values({ userId: ownerBuyer.id, bucket: 'api', windowStart: new Date(windowStart), count: 3 });

  // A signed-up user whose profile is gone, so a profile insert is otherwise valid.
  const orphan = await createUser(db);
  await db.execute(sql`delete from profiles where id = ${orphan.id}`);

  const newPrompt = (): Values => ({
    id: randomUUID(),
    seller_id: ownerSeller.id,
    category_id: categoryId,
    slug: `new-prompt-${randomUUID().slice(0, 8)}`,
    title: 'A brand new prompt',
    target_model: 'claude',
  });
  const newVersion = (): Values => ({
    id: randomUUID(),
    prompt_id: bought.prompt.id,
    version: 10,
    changelog: 'Next version',
  });
  const newTemplate = (): Values => ({
    version_id: untemplatedVersion.id,
    prompt_id: bought.prompt.id,
    template: 'A fresh template for {{topic}}',
  });
  const newAsset = (promptId: string): Values => ({
    id: randomUUID(),
    prompt_id: promptId,
    storage_path: `${ownerSeller.id}/prompts/2026/11/${randomUUID()}.webp`,
    mime_type: 'image/webp',
    size_bytes: 1024,
    width: 256,
    height: 256,
  });
  const newReview = (): Values => ({
    id: randomUUID(),
    prompt_id: unreviewed.prompt.id,
    buyer_id: ownerBuyer.id,
    rating: 4,
    body: 'Saved me an hour.',
  });
  const now = new Date().toISOString();

  specs = {
    profiles: {
      key: { id: ownerBuyer.id },
      insert: { id: orphan.id, display_name: 'Orphan' },
      update: ['display_name', 'Renamed'],
    },
    seller_profiles: {
      key: { user_id: ownerSeller.id },
      insert: { user_id: ownerBuyer.id, headline: 'Now selling' },
      update: ['headline', 'Best prompts in town'],
    },
    categories: {
      key: { id: categoryId },
      insert: { slug: 'forged-category', name: 'Forged' },
      update: ['name', 'Renamed'],
    },
    'prompts (draft)': {
      key: { id: draft.prompt.id },
      insert: newPrompt(),
      update: ['title', 'A better title'],
    },
    'prompts (published)': {
      key: { id: bought.prompt.id },
      insert: newPrompt(),
      update: ['title', 'A better title'],
    },
    'prompts (archived)': {
      key: { id: archived.prompt.id },
      insert: newPrompt(),
      update: ['title', 'A better title'],
    },
    'prompt_versions (draft)': {
      key: { id: draftVersion.id },
      insert: newVersion(),
      update: ['changelog', 'Edited changelog'],
    },
    'prompt_versions (published)': {
      key: { id: bought.version.id },
      insert: newVersion(),
      update: ['changelog', 'Edited changelog'],
    },
    'prompt_versions (archived prompt)': {
      key: { id: archived.version.id },
      insert: newVersion(),
      update: ['changelog', 'Edited changelog'],
    },
    'prompt_templates (draft)': {
      key: { version_id: draftVersion.id },
      insert: newTemplate(),
      update: ['instructions', 'Edited instructions'],
    },
    'prompt_templates (pending review)': {
      key: { version_id: pendingVersion.id },
      insert: newTemplate(),
      update: ['instructions', 'Edited instructions'],
    },
    'prompt_templates (published)': {
      key: { version_id: bought.version.id },
      insert: newTemplate(),
      update: ['instructions', 'Edited instructions'],
    },
    'prompt_templates (archived prompt)': {
      key: { version_id: archived.version.id },
      insert: newTemplate(),
      update: ['instructions', 'Edited instructions'],
    },
    'prompt_assets (published prompt)': {
      key: { id: publishedAsset!.id },
      insert: newAsset(bought.prompt.id),
      update: ['alt_text', 'A sample output'],
    },
    'prompt_assets (draft prompt)': {
      key: { id: draftAsset!.id },
      insert: newAsset(draft.prompt.id),
      update: ['alt_text', 'A sample output'],
    },
    favorites: {
      key: { user_id: ownerBuyer.id, prompt_id: bought.prompt.id },
      insert: { user_id: ownerBuyer.id, prompt_id: unreviewed.prompt.id },
      update: ['created_at', '2026-01-01T00:00:00.000Z'],
    },
    orders: {
      key: { id: purchase.order.id },
      insert: {
        id: randomUUID(),
        buyer_id: ownerBuyer.id,
        subtotal_amount: 1000,
        platform_fee_amount: 200,
        total_amount: 1000,
      },
      update: ['status', 'refunded'],
    },
    refunds: {
      key: { id: refund!.id },
      insert: {
        id: randomUUID(),
        order_id: purchase.order.id,
        kind: 'buyer_request',
        requested_by: ownerBuyer.id,
        status: 'requested',
        item_ids: `{${item.id}}`,
        amount: item.priceAmount,
        reason: 'Forged',
      },
      update: ['status', 'processing'],
    },
    embedded_checkout_sessions: {
      key: { id: checkoutSession!.id },
      insert: {
        id: `cs_test_${randomUUID().replaceAll('-', '')}`,
        order_id: otherPurchase.order.id,
        amount: 1,
        success_url: 'http://localhost:3000/ok',
        cancel_url: 'http://localhost:3000/cancel',
        expires_at: now,
      },
      update: ['status', 'complete'],
    },
    order_items: {
      key: { id: item.id },
      insert: {
        id: randomUUID(),
        order_id: purchase.order.id,
        prompt_id: unreviewed.prompt.id,
        version_id: unreviewed.version.id,
        seller_id: ownerSeller.id,
        price_amount: 1000,
        platform_fee_amount: 200,
        seller_earnings_amount: 800,
      },
      update: ['status', 'refunded'],
    },
    entitlements: {
      key: { id: purchase.entitlements[0]!.id },
      insert: {
        id: randomUUID(),
        user_id: ownerBuyer.id,
        prompt_id: elsewhere.prompt.id,
        source: 'grant',
      },
      update: ['status', 'revoked'],
    },
    stripe_events: {
      key: { id: eventId },
      insert: { id: 'evt_forged', type: 'checkout.session.completed', payload: '{}' },
      update: ['processed_at', now],
    },
    ledger_entries: {
      key: { id: credit!.id },
      insert: {
        id: randomUUID(),
        seller_id: ownerSeller.id,
        kind: 'adjustment',
        direction: 'credit',
        amount: 100000,
      },
      update: ['memo', 'Edited'],
    },
    payouts: {
      key: { id: payout!.id },
      insert: {
        id: randomUUID(),
        seller_id: ownerSeller.id,
        amount: 100000,
        idempotency_key: 'forged-payout',
      },
      update: ['status', 'paid'],
    },
    embedded_transfers: {
      key: { id: transfer!.id },
      insert: {
        id: `tr_local_${randomUUID().replaceAll('-', '')}`,
        idempotency_key: 'forged-transfer',
        payout_id: payout!.id,
        seller_id: ownerSeller.id,
        destination: 'acct_local_owner',
        amount: 100000,
      },
      update: ['amount', 1],
    },
    prompt_view_days: {
      key: { prompt_id: bought.prompt.id, day: '2026-11-20' },
      insert: {
        prompt_id: bought.prompt.id,
        day: '2026-11-21',
        seller_id: ownerSeller.id,
        views: 1000,
      },
      update: ['views', 1_000_000],
    },
    'reviews (pending)': {
      key: { id: pendingReview.id },
      insert: newReview(),
      update: ['body', 'Edited review'],
    },
    'reviews (published)': {
      key: { id: publishedReview.id },
      insert: newReview(),
      update: ['body', 'Edited review'],
    },
    review_revisions: {
      key: { id: revision!.id },
      insert: {
        id: randomUUID(),
        review_id: publishedReview.id,
        rating: 1,
        body: 'Forged history',
        status: 'published',
        written_at: now,
      },
      update: ['body', 'Rewritten history'],
    },
    prompt_reports: {
      key: { id: promptReport!.id },
      insert: {
        id: randomUUID(),
        prompt_id: elsewhere.prompt.id,
        reporter_id: ownerBuyer.id,
        reason: 'spam',
      },
      update: ['status', 'dismissed'],
    },
    review_reports: {
      key: { id: report!.id },
      insert: {
        id: randomUUID(),
        review_id: otherReview.id,
        reporter_id: ownerBuyer.id,
        reason: 'spam',
      },
      update: ['details', 'More details'],
    },
    chat_threads: {
      key: { id: thread!.id },
      insert: {
        id: randomUUID(),
        buyer_id: ownerBuyer.id,
        seller_id: ownerSeller.id,
        prompt_id: reviewed.prompt.id,
        order_id: purchase.order.id,
        subject: 'One more question',
      },
      update: ['buyer_last_read_at', now],
    },
    user_blocks: {
      key: { blocker_id: ownerBuyer.id, blocked_id: bystander.id },
      insert: { blocker_id: ownerBuyer.id, blocked_id: otherSeller.id },
      update: ['created_at', now],
    },
    realtime_tickets: {
      key: { token_hash: ticketHash },
      insert: {
        token_hash: 'cd'.repeat(32),
        user_id: ownerBuyer.id,
        token_expires_at: now,
        expires_at: now,
      },
      update: ['expires_at', now],
    },
    chat_messages: {
      key: { id: message!.id },
      insert: { id: randomUUID(), thread_id: thread!.id, sender_id: ownerBuyer.id, body: 'Hello?' },
      update: ['body', 'Edited message'],
    },
    notifications: {
      key: { id: notification!.id },
      insert: { id: randomUUID(), user_id: ownerBuyer.id, type: 'system', title: 'Forged' },
      update: ['read_at', now],
    },
    notification_preferences: {
      key: { user_id: ownerBuyer.id, type: 'review' },
      insert: { user_id: ownerBuyer.id, type: 'sale', email: false },
      update: ['email', true],
    },
    notification_unsubscribe_tokens: {
      key: { token: unsubscribeToken },
      insert: {
        token: `forged_${randomUUID().replaceAll('-', '')}`,
        user_id: ownerBuyer.id,
        type: 'message',
      },
      update: ['used_at', now],
    },
    moderation_flags: {
      key: { id: flag!.id },
      insert: {
        id: randomUUID(),
        prompt_id: bought.prompt.id,
        version_id: pendingVersion.id,
        kind: 'near_duplicate',
      },
      update: ['resolved_at', now],
    },
    audit_logs: {
      key: { id: log!.id },
      insert: {
        actor_id: ownerBuyer.id,
        action: 'review.forged',
        entity_type: 'review',
        entity_id: randomUUID(),
      },
      update: ['reason', 'Rewritten history'],
    },
    outbound_emails: {
      key: { id: email!.id },
      insert: {
        id: randomUUID(),
        to_address: ownerBuyer.email,
        template: 'forged',
        subject: 'Forged',
        text: 'x',
        html: 'x',
        dedupe_key: `forged:${randomUUID()}`,
      },
      update: ['status', 'sent'],
    },
    search_outbox: {
      key: { id: queued!.id },
      insert: { prompt_id: draft.prompt.id },
      update: ['enqueued_at', now],
    },
    usage_counters: {
      key: { user_id: ownerBuyer.id, bucket: 'api', window_start: windowStart },
      insert: { user_id: ownerBuyer.id, bucket: 'forged', window_start: windowStart, count: 0 },
      update: ['count', 0],
    },
  };
}

const column = (name: string) => sql.identifier(name);
const matching = (values: Values): SQL =>
  sql.join(
    Object.entries(values).map(([c, v]) => sql`${column(c)} = ${v}`),
    sql` and `,
  );

/** Thrown after a cell's check so withUser rolls the transaction back. */
class RollBack extends Error {}

interface Outcome {
  verdict: 'allow' | 'deny';
  detail: string;
}

/** Back to the superuser inside the same transaction, to see what really happened. */
async function asSystem<T>(tx: Transaction, check: () => Promise<T>): Promise<T> {
  await tx.execute(sql`reset role`);
  return check();
}

async function affected(tx: Transaction, statement: SQL): Promise<number> {
  const result = await tx.execute(statement);
  return (result as unknown as { count: number }).count;
}

async function perform(tx: Transaction, table: string, op: Operation, spec: CaseSpec) {
  const t = column(table);
  const found = async (where: SQL) => {
    const [row] = await tx.execute<{ n: number }>(
      sql`select count(*)::int as n from ${t} where ${where}`,
    );
    return row!.n;
  };
  switch (op) {
    case 'select': {
      const n = await found(matching(spec.key));
      return n === 1 ? allow('the row is visible') : deny('the row is not visible');
    }
    case 'insert': {
      const columns = Object.keys(spec.insert);
      const n = await affected(
        tx,
        sql`insert into ${t} (${sql.join(columns.map(column), sql`, `)}) values (${sql.join(
          columns.map((c) => sql`${spec.insert[c]}`),
          sql`, `,
        )})`,
      );
      const stored = await asSystem(tx, () => found(matching(spec.insert)));
      if (n !== 1 || stored !== 1) throw new Error(`insert reported ${n} rows, ${stored} stored`);
      return allow('inserted');
    }
    case 'update': {
      const [name, value] = spec.update;
      const n = await affected(
        tx,
        sql`update ${t} set ${column(name)} = ${value} where ${matching(spec.key)}`,
      );
      if (n === 0) return deny('no rows updated');
      const changed = await asSystem(tx, () =>
        found(sql`${matching(spec.key)} and ${column(name)} = ${value}`),
      );
      if (changed !== 1) throw new Error(`update reported ${n} rows but the column did not change`);
      return allow('updated');
    }
    case 'delete': {
      const n = await affected(tx, sql`delete from ${t} where ${matching(spec.key)}`);
      if (n === 0) return deny('no rows deleted');
      const left = await asSystem(tx, () => found(matching(spec.key)));
      if (left !== 0) throw new Error(`delete reported ${n} rows but the row is still there`);
      return allow('deleted');
    }
  }
}

const allow = (detail: string): Outcome => ({ verdict: 'allow', detail });
const deny = (detail: string): Outcome => ({ verdict: 'deny', detail });

/** Runs one cell as the actor, in a transaction that never commits. */
async function attempt(actor: Actor, table: string, op: Operation, spec: CaseSpec) {
  const claims = actor === 'anon' ? anonClaims : actors[actor].claims;
  let outcome: Outcome | undefined;
  try {
    await withUser(db, claims, async (tx) => {
      outcome = await perform(tx, table, op, spec);
      throw new RollBack();
    });
  } catch (error) {
    if (error instanceof RollBack) return outcome!;
    const state = sqlStateOfError(error);
    // 42501: no privilege, or the RLS check refused the row; P0001: a rule trigger refused it.
    if (state === '42501' || state === 'P0001') {
      const e = error as { cause?: { message?: string }; message: string };
      return deny(`${state}: ${e.cause?.message ?? e.message}`);
    }
    throw error;
  }
  throw new Error('unreachable: the cell did not roll back');
}

beforeAll(buildWorld);

describe('the RLS matrix', () => {
  it('gives every n/a cell a reason and every case a row to test', () => {
    for (const [name, c] of Object.entries(RLS_MATRIX)) {
      for (const op of OPERATIONS) {
        c[op].forEach((verdict, i) => {
          const actor = ACTORS[i]!;
          if (verdict === 'n/a') expect(c.na?.[actor], `${name} · ${op} · ${actor}`).toBeTruthy();
        });
      }
      expect(specs[name], `no fixture for matrix case ${name}`).toBeDefined();
    }
    expect(Object.keys(specs).sort()).toEqual(Object.keys(RLS_MATRIX).sort());
  });

  it('asks only for writes system code could make, so a deny is about who, not what', async () => {
    const refused: string[] = [];
    for (const [name, c] of Object.entries(RLS_MATRIX)) {
      for (const op of ['insert', 'update'] as const) {
        try {
          await db.transaction(async (tx) => {
            const outcome = await perform(tx, c.table, op, specs[name]!);
            if (outcome.verdict !== 'allow') refused.push(`${name} ${op}: ${outcome.detail}`);
            throw new RollBack();
          });
        } catch (error) {
          // P0001: a rule trigger (append-only, immutable once published) holds even for system code.
          if (!(error instanceof RollBack) && sqlStateOfError(error) !== 'P0001') {
            refused.push(`${name} ${op}: ${(error as Error).message}`);
          }
        }
      }
    }
    expect(refused).toEqual([]);
  });
});

for (const [name, c] of Object.entries(RLS_MATRIX)) {
  describe(name, () => {
    for (const op of OPERATIONS) {
      ACTORS.forEach((actor, i) => {
        const expected = c[op][i]!;
        if (expected === 'n/a') {
          it.skip(`${op} as ${actor}: n/a, ${c.na?.[actor] ?? 'no reason given'}`, () => {});
          return;
        }
        it(`${op} as ${actor} → ${expected}`, async () => {
          const outcome = await attempt(actor, c.table, op, specs[name]!);
          expect(outcome.verdict, `${name} · ${op} · ${actor}: ${outcome.detail}`).toBe(expected);
        });
      });
    }
  });
}
