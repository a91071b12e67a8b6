/**
 * Who may do what to which row, for every table in public: the expectations
 * rls-matrix.test.ts proves against real Postgres through withUser (as `anon`
 * or `authenticated` with the actor's claims), each cell in a transaction
 * that is rolled back.
 *
 * Actors, relative to the row of each case:
 * - anon          no signed-in user;
 * - owner_buyer   the buyer the row belongs to or is about (see `row`);
 * - other_buyer   a signed-in buyer with no tie to the row (bought nothing of
 *                 owner_seller's, holds no entitlement to these prompts);
 * - owner_seller  the seller the row belongs to or is about;
 * - other_seller  a seller with no tie to the row;
 * - admin         an active admin (profiles.role = 'admin').
 *
 * Operations:
 * - select  the row is visible (`select ... where <its key>` finds it);
 * - insert  the row described in `inserts` can be inserted, exactly as given
 *           (it is the owner's row, so for anyone else it is a forgery);
 * - update  the column in `updates` (one a user may legitimately set, where
 *           there is one) changes on the row;
 * - delete  the row is removed.
 * Deny means no rows affected, or SQLSTATE 42501 (no privilege, or the RLS
 * check refused the new row), or P0001 (a rule trigger refused it).
 *
 * 'n/a' means the actor has no such tie to this row (a category has no
 * owner); `na` says why, per actor. Writes that no request role may make are
 * done by system code (the API's service layer, webhooks, the worker).
 */

export const ACTORS = [
  'anon',
  'owner_buyer',
  'other_buyer',
  'owner_seller',
  'other_seller',
  'admin',
] as const;
export type Actor = (typeof ACTORS)[number];

export const OPERATIONS = ['select', 'insert', 'update', 'delete'] as const;
export type Operation = (typeof OPERATIONS)[number];

export type Verdict = 'allow' | 'deny' | 'n/a';
/** One verdict per actor, in the order of ACTORS. */
export type Verdicts = readonly [Verdict, Verdict, Verdict, Verdict, Verdict, Verdict];

export interface MatrixCase {
  /** The table in public the case is about; several cases may share one. */
  table: string;
  /** The row under test, and who its owners are. */
  row: string;
  /** The row every actor tries to insert. */
  inserts: string;
  /** The column every actor tries to change. */
  updates: string;
  /** Why an actor marked 'n/a' has no tie to the row. */
  na?: Partial<Record<Actor, string>>;
  select: Verdicts;
  insert: Verdicts;
  update: Verdicts;
  delete: Verdicts;
}

const NO_OWNER = 'the row has no owner';
const BUYER_ONLY =
  'the row has one owner, a buyer; a seller here is just another user (other_seller)';
const SELLER_ONLY =
  'the row concerns its seller only; a buyer here is just another user (other_buyer)';
const UNSOLD = 'nobody can buy a draft, so no buyer is tied to it';

// biome-ignore format: an aligned table is what a reader scans
export const RLS_MATRIX: Record<string, MatrixCase> = {
  profiles: {
    table: 'profiles',
    row: "owner_buyer's profile",
    inserts: 'a profile for a user who has none (profiles come from the sign-up trigger)',
    updates: 'display_name',
    na: { owner_seller: BUYER_ONLY },
    //       anon     owner_buyer other_buyer owner_seller other_seller admin
    select: ['allow', 'allow',    'allow',    'n/a',       'allow',     'allow'],
    insert: ['deny',  'deny',     'deny',     'n/a',       'deny',      'deny'],
    update: ['deny',  'allow',    'deny',     'n/a',       'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'n/a',       'deny',      'deny'],
  },
  seller_profiles: {
    table: 'seller_profiles',
    row: "owner_seller's seller profile (Stripe account, payouts)",
    inserts: 'a seller profile for owner_buyer (onboarding is system code)',
    updates: 'headline',
    na: { owner_buyer: SELLER_ONLY },
    select: ['deny',  'n/a',      'deny',     'allow',     'deny',      'allow'],
    insert: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    update: ['deny',  'n/a',      'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'n/a',      'deny',     'deny',      'deny',      'deny'],
  },
  categories: {
    table: 'categories',
    row: 'a category',
    inserts: 'a new category',
    updates: 'name',
    na: { owner_buyer: NO_OWNER, owner_seller: NO_OWNER },
    select: ['allow', 'n/a',      'allow',    'n/a',       'allow',     'allow'],
    insert: ['deny',  'n/a',      'deny',     'n/a',       'deny',      'deny'],
    update: ['deny',  'n/a',      'deny',     'n/a',       'deny',      'deny'],
    delete: ['deny',  'n/a',      'deny',     'n/a',       'deny',      'deny'],
  },
  'prompts (draft)': {
    table: 'prompts',
    row: "owner_seller's draft prompt",
    inserts: "a new draft prompt of owner_seller's",
    updates: 'title',
    na: { owner_buyer: UNSOLD },
    select: ['deny',  'n/a',      'deny',     'allow',     'deny',      'allow'],
    insert: ['deny',  'deny',     'deny',     'allow',     'deny',      'deny'],
    update: ['deny',  'n/a',      'deny',     'allow',     'deny',      'deny'],
    delete: ['deny',  'n/a',      'deny',     'allow',     'deny',      'deny'],
  },
  'prompts (published)': {
    table: 'prompts',
    row: "owner_seller's published prompt, which owner_buyer bought",
    inserts: "a new draft prompt of owner_seller's",
    updates: 'title',
    select: ['allow', 'allow',    'allow',    'allow',     'allow',     'allow'],
    insert: ['deny',  'deny',     'deny',     'allow',     'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'allow',     'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
  },
  'prompts (archived)': {
    table: 'prompts',
    row: "owner_seller's archived prompt, which owner_buyer bought before it was archived",
    inserts: "a new draft prompt of owner_seller's",
    updates: 'title',
    select: ['deny',  'allow',    'deny',     'allow',     'deny',      'allow'],
    insert: ['deny',  'deny',     'deny',     'allow',     'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'allow',     'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
  },
  'prompt_versions (draft)': {
    table: 'prompt_versions',
    row: "a draft version of owner_seller's published prompt, which owner_buyer bought",
    inserts: "another draft version of that prompt",
    updates: 'changelog',
    select: ['deny',  'deny',     'deny',     'allow',     'deny',      'allow'],
    insert: ['deny',  'deny',     'deny',     'allow',     'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'allow',     'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'allow',     'deny',      'deny'],
  },
  'prompt_versions (published)': {
    table: 'prompt_versions',
    row: "the published version of owner_seller's published prompt, which owner_buyer bought",
    inserts: "another draft version of that prompt",
    updates: 'changelog',
    select: ['allow', 'allow',    'allow',    'allow',     'allow',     'allow'],
    insert: ['deny',  'deny',     'deny',     'allow',     'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
  },
  'prompt_versions (archived prompt)': {
    table: 'prompt_versions',
    row: "the published version of owner_seller's archived prompt, which owner_buyer bought",
    inserts: "another draft version of owner_seller's published prompt",
    updates: 'changelog',
    select: ['deny',  'allow',    'deny',     'allow',     'deny',      'allow'],
    insert: ['deny',  'deny',     'deny',     'allow',     'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
  },
  'prompt_templates (draft)': {
    table: 'prompt_templates',
    row: "the template of a draft version of owner_seller's prompt, which owner_buyer bought",
    inserts: 'the template of another draft version of that prompt (one without a template yet)',
    updates: 'instructions',
    select: ['deny',  'deny',     'deny',     'allow',     'deny',      'allow'],
    insert: ['deny',  'deny',     'deny',     'allow',     'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'allow',     'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'allow',     'deny',      'deny'],
  },
  'prompt_templates (pending review)': {
    table: 'prompt_templates',
    row: "the template of a version of owner_seller's prompt that waits for the moderator",
    inserts: 'the template of a draft version of that prompt (one without a template yet)',
    updates: 'instructions (locked while in review)',
    select: ['deny',  'deny',     'deny',     'allow',     'deny',      'allow'],
    insert: ['deny',  'deny',     'deny',     'allow',     'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
  },
  'prompt_templates (published)': {
    table: 'prompt_templates',
    row: "the template of the published version owner_buyer bought from owner_seller",
    inserts: 'the template of a draft version of that prompt (one without a template yet)',
    updates: 'instructions (owner_seller: refused by the immutability trigger)',
    select: ['deny',  'allow',    'deny',     'allow',     'deny',      'allow'],
    insert: ['deny',  'deny',     'deny',     'allow',     'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
  },
  'prompt_templates (archived prompt)': {
    table: 'prompt_templates',
    row: "the template of the published version of owner_seller's archived prompt, which owner_buyer bought",
    inserts: "the template of a draft version of owner_seller's published prompt",
    updates: 'instructions (owner_seller: refused by the immutability trigger)',
    select: ['deny',  'allow',    'deny',     'allow',     'deny',      'allow'],
    insert: ['deny',  'deny',     'deny',     'allow',     'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
  },
  'prompt_assets (published prompt)': {
    table: 'prompt_assets',
    row: "an example image of owner_seller's published prompt, which owner_buyer bought",
    inserts: 'another example image of that prompt',
    updates: 'alt_text',
    select: ['allow', 'allow',    'allow',    'allow',     'allow',     'allow'],
    insert: ['deny',  'deny',     'deny',     'allow',     'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'allow',     'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'allow',     'deny',      'deny'],
  },
  'prompt_assets (draft prompt)': {
    table: 'prompt_assets',
    row: "an example image of owner_seller's draft prompt",
    inserts: 'another example image of that draft',
    updates: 'alt_text',
    na: { owner_buyer: UNSOLD },
    select: ['deny',  'n/a',      'deny',     'allow',     'deny',      'allow'],
    insert: ['deny',  'deny',     'deny',     'allow',     'deny',      'deny'],
    update: ['deny',  'n/a',      'deny',     'allow',     'deny',      'deny'],
    delete: ['deny',  'n/a',      'deny',     'allow',     'deny',      'deny'],
  },
  favorites: {
    table: 'favorites',
    row: "owner_buyer's favorite of owner_seller's published prompt",
    inserts: "owner_buyer's favorite of another of owner_seller's published prompts",
    updates: 'created_at (favorites are added and removed, never edited)',
    select: ['deny',  'allow',    'deny',     'deny',      'deny',      'allow'],
    insert: ['deny',  'allow',    'deny',     'deny',      'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'allow',    'deny',     'deny',      'deny',      'deny'],
  },
  orders: {
    table: 'orders',
    row: "owner_buyer's paid order; owner_seller sold its item",
    inserts: 'an order for owner_buyer',
    updates: 'status',
    select: ['deny',  'allow',    'deny',     'deny',      'deny',      'allow'],
    insert: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
  },
  refunds: {
    table: 'refunds',
    row: "owner_buyer's refund request on the order in which owner_seller sold an item",
    inserts: "a forged refund on owner_buyer's order (system code writes them)",
    updates: 'status (approved by the requester)',
    select: ['deny',  'allow',    'deny',     'deny',      'deny',      'allow'],
    insert: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
  },
  embedded_checkout_sessions: {
    table: 'embedded_checkout_sessions',
    row: "the embedded test-checkout session of owner_buyer's order",
    inserts: 'a forged session for that order',
    updates: 'status (marked paid)',
    select: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    insert: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
  },
  order_items: {
    table: 'order_items',
    row: "the item owner_seller sold in owner_buyer's order",
    inserts: "another item in owner_buyer's order, sold by owner_seller",
    updates: 'status',
    select: ['deny',  'allow',    'deny',     'allow',     'deny',      'allow'],
    insert: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
  },
  entitlements: {
    table: 'entitlements',
    row: "owner_buyer's entitlement to owner_seller's prompt",
    inserts: 'an entitlement for owner_buyer to a prompt they do not hold',
    updates: 'status',
    select: ['deny',  'allow',    'deny',     'allow',     'deny',      'allow'],
    insert: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
  },
  stripe_events: {
    table: 'stripe_events',
    row: 'a Stripe event as the webhook stored it',
    inserts: 'a forged Stripe event',
    updates: 'processed_at',
    na: { owner_buyer: NO_OWNER, owner_seller: NO_OWNER },
    select: ['deny',  'n/a',      'deny',     'n/a',       'deny',      'allow'],
    insert: ['deny',  'n/a',      'deny',     'n/a',       'deny',      'deny'],
    update: ['deny',  'n/a',      'deny',     'n/a',       'deny',      'deny'],
    delete: ['deny',  'n/a',      'deny',     'n/a',       'deny',      'deny'],
  },
  ledger_entries: {
    table: 'ledger_entries',
    row: "owner_seller's sale credit for owner_buyer's purchase",
    inserts: 'an adjustment credit for owner_seller',
    updates: 'memo',
    select: ['deny',  'deny',     'deny',     'allow',     'deny',      'allow'],
    insert: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
  },
  payouts: {
    table: 'payouts',
    row: "a payout to owner_seller",
    inserts: 'another payout to owner_seller',
    updates: 'status',
    na: { owner_buyer: SELLER_ONLY },
    select: ['deny',  'n/a',      'deny',     'allow',     'deny',      'allow'],
    insert: ['deny',  'n/a',      'deny',     'deny',      'deny',      'deny'],
    update: ['deny',  'n/a',      'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'n/a',      'deny',     'deny',      'deny',      'deny'],
  },
  embedded_transfers: {
    table: 'embedded_transfers',
    row: "the embedded-mode transfer of a payout to owner_seller",
    inserts: 'a forged transfer to owner_seller',
    updates: 'amount',
    na: { owner_buyer: SELLER_ONLY },
    select: ['deny',  'n/a',      'deny',     'allow',     'deny',      'allow'],
    insert: ['deny',  'n/a',      'deny',     'deny',      'deny',      'deny'],
    update: ['deny',  'n/a',      'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'n/a',      'deny',     'deny',      'deny',      'deny'],
  },
  prompt_view_days: {
    table: 'prompt_view_days',
    row: "one day's view counter of owner_seller's published prompt",
    inserts: "a forged counter for another day of owner_seller's prompt (system code counts views)",
    updates: 'views',
    na: { owner_buyer: SELLER_ONLY },
    select: ['deny',  'n/a',      'deny',     'allow',     'deny',      'allow'],
    insert: ['deny',  'n/a',      'deny',     'deny',      'deny',      'deny'],
    update: ['deny',  'n/a',      'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'n/a',      'deny',     'deny',      'deny',      'deny'],
  },
  'reviews (pending)': {
    table: 'reviews',
    row: "owner_buyer's review of owner_seller's prompt, awaiting moderation",
    inserts: "owner_buyer's review of another prompt of owner_seller's that they hold",
    updates: 'body',
    select: ['deny',  'allow',    'deny',     'deny',      'deny',      'allow'],
    insert: ['deny',  'allow',    'deny',     'deny',      'deny',      'deny'],
    update: ['deny',  'allow',    'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'allow',    'deny',     'deny',      'deny',      'deny'],
  },
  'reviews (published)': {
    table: 'reviews',
    row: "owner_buyer's published review of owner_seller's prompt",
    inserts: "owner_buyer's review of another prompt of owner_seller's that they hold",
    updates: 'body',
    select: ['allow', 'allow',    'allow',    'allow',     'allow',     'allow'],
    insert: ['deny',  'allow',    'deny',     'deny',      'deny',      'deny'],
    update: ['deny',  'allow',    'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'allow',    'deny',     'deny',      'deny',      'deny'],
  },
  review_reports: {
    table: 'review_reports',
    row: "owner_buyer's report of someone's review of owner_seller's prompt",
    inserts: "owner_buyer's report of another published review",
    updates: 'details',
    select: ['deny',  'allow',    'deny',     'deny',      'deny',      'allow'],
    insert: ['deny',  'allow',    'deny',     'deny',      'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
  },
  review_revisions: {
    table: 'review_revisions',
    row: "an earlier text of owner_buyer's review of owner_seller's prompt",
    inserts: 'a forged earlier text of that review (only a trigger writes history)',
    updates: 'body (history never changes)',
    select: ['deny',  'allow',    'deny',     'deny',      'deny',      'allow'],
    insert: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
  },
  prompt_reports: {
    table: 'prompt_reports',
    row: "owner_buyer's report of owner_seller's published prompt",
    inserts: "owner_buyer's report of other_seller's published prompt",
    updates: 'status (closed by the reporter)',
    select: ['deny',  'allow',    'deny',     'deny',      'deny',      'allow'],
    insert: ['deny',  'allow',    'deny',     'deny',      'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
  },
  chat_threads: {
    table: 'chat_threads',
    row: "a thread owner_buyer started with owner_seller about their order of owner_seller's prompt",
    inserts: "another thread with owner_seller, about another of their prompts (buyers start threads; one per topic)",
    updates: "buyer_last_read_at (each participant moves only their own read marker)",
    select: ['deny',  'allow',    'deny',     'allow',     'deny',      'allow'],
    insert: ['deny',  'allow',    'deny',     'deny',      'deny',      'deny'],
    update: ['deny',  'allow',    'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
  },
  chat_messages: {
    table: 'chat_messages',
    row: "owner_buyer's message to owner_seller in their thread",
    inserts: "another message from owner_buyer in that thread (owner_seller cannot send as the buyer)",
    updates: 'body (messages are never edited)',
    select: ['deny',  'allow',    'deny',     'allow',     'deny',      'allow'],
    insert: ['deny',  'allow',    'deny',     'deny',      'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'deny',      'deny',      'deny'],
  },
  user_blocks: {
    table: 'user_blocks',
    row: "owner_buyer's block of a bystander (who cannot see it either)",
    inserts: "owner_buyer's block of other_seller",
    updates: 'created_at (blocks are added and removed, never changed)',
    na: { owner_seller: BUYER_ONLY },
    select: ['deny',  'allow',    'deny',     'n/a',       'deny',      'allow'],
    insert: ['deny',  'allow',    'deny',     'n/a',       'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'n/a',       'deny',      'deny'],
    delete: ['deny',  'allow',    'deny',     'n/a',       'deny',      'deny'],
  },
  realtime_tickets: {
    table: 'realtime_tickets',
    row: "a realtime ticket of owner_buyer's (hash only)",
    inserts: 'a forged ticket for owner_buyer (system code writes them)',
    updates: 'expires_at',
    na: { owner_seller: BUYER_ONLY },
    select: ['deny',  'deny',     'deny',     'n/a',       'deny',      'deny'],
    insert: ['deny',  'deny',     'deny',     'n/a',       'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'n/a',       'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'n/a',       'deny',      'deny'],
  },
  notifications: {
    table: 'notifications',
    row: "a notification for owner_buyer",
    inserts: 'another notification for owner_buyer (system code writes them)',
    updates: 'read_at',
    na: { owner_seller: BUYER_ONLY },
    select: ['deny',  'allow',    'deny',     'n/a',       'deny',      'allow'],
    insert: ['deny',  'deny',     'deny',     'n/a',       'deny',      'deny'],
    update: ['deny',  'allow',    'deny',     'n/a',       'deny',      'deny'],
    delete: ['deny',  'allow',    'deny',     'n/a',       'deny',      'deny'],
  },
  notification_preferences: {
    table: 'notification_preferences',
    row: "owner_buyer's e-mail choice for review notifications",
    inserts: "owner_buyer's choice for sale notifications",
    updates: 'email',
    na: { owner_seller: BUYER_ONLY },
    select: ['deny',  'allow',    'deny',     'n/a',       'deny',      'allow'],
    insert: ['deny',  'allow',    'deny',     'n/a',       'deny',      'deny'],
    update: ['deny',  'allow',    'deny',     'n/a',       'deny',      'deny'],
    delete: ['deny',  'allow',    'deny',     'n/a',       'deny',      'deny'],
  },
  notification_unsubscribe_tokens: {
    table: 'notification_unsubscribe_tokens',
    row: "the unsubscribe token of owner_buyer's sale e-mails",
    inserts: 'a forged token for owner_buyer (system code makes them)',
    updates: 'used_at',
    na: { owner_seller: BUYER_ONLY },
    select: ['deny',  'deny',     'deny',     'n/a',       'deny',      'deny'],
    insert: ['deny',  'deny',     'deny',     'n/a',       'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'n/a',       'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'n/a',       'deny',      'deny'],
  },
  moderation_flags: {
    table: 'moderation_flags',
    row: "a near-duplicate flag on owner_seller's submitted version",
    inserts: "a forged flag on owner_seller's prompt (system code writes them)",
    updates: 'resolved_at',
    na: { owner_buyer: SELLER_ONLY },
    select: ['deny',  'n/a',      'deny',     'deny',      'deny',      'allow'],
    insert: ['deny',  'n/a',      'deny',     'deny',      'deny',      'deny'],
    update: ['deny',  'n/a',      'deny',     'deny',      'deny',      'deny'],
    delete: ['deny',  'n/a',      'deny',     'deny',      'deny',      'deny'],
  },
  audit_logs: {
    table: 'audit_logs',
    row: 'an audit entry recording something owner_buyer did',
    inserts: 'a forged audit entry naming owner_buyer',
    updates: 'reason',
    na: { owner_seller: BUYER_ONLY },
    select: ['deny',  'deny',     'deny',     'n/a',       'deny',      'allow'],
    insert: ['deny',  'deny',     'deny',     'n/a',       'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'n/a',       'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'n/a',       'deny',      'deny'],
  },
  outbound_emails: {
    table: 'outbound_emails',
    row: 'an e-mail queued for owner_buyer',
    inserts: 'a forged e-mail to owner_buyer',
    updates: 'status (marked sent)',
    na: { owner_seller: BUYER_ONLY },
    select: ['deny',  'deny',     'deny',     'n/a',       'deny',      'allow'],
    insert: ['deny',  'deny',     'deny',     'n/a',       'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'n/a',       'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'n/a',       'deny',      'deny'],
  },
  search_outbox: {
    table: 'search_outbox',
    row: 'a queued search-index update for a published prompt',
    inserts: 'a forged queue entry (only triggers and the worker write here)',
    updates: 'enqueued_at',
    na: { owner_buyer: NO_OWNER, owner_seller: NO_OWNER },
    select: ['deny',  'n/a',      'deny',     'n/a',       'deny',      'deny'],
    insert: ['deny',  'n/a',      'deny',     'n/a',       'deny',      'deny'],
    update: ['deny',  'n/a',      'deny',     'n/a',       'deny',      'deny'],
    delete: ['deny',  'n/a',      'deny',     'n/a',       'deny',      'deny'],
  },
  usage_counters: {
    table: 'usage_counters',
    row: "owner_buyer's request counter for one window",
    inserts: 'a counter for owner_buyer in another bucket',
    updates: 'count (reset to zero)',
    na: { owner_seller: BUYER_ONLY },
    select: ['deny',  'allow',    'deny',     'n/a',       'deny',      'allow'],
    insert: ['deny',  'deny',     'deny',     'n/a',       'deny',      'deny'],
    update: ['deny',  'deny',     'deny',     'n/a',       'deny',      'deny'],
    delete: ['deny',  'deny',     'deny',     'n/a',       'deny',      'deny'],
  },
};

/** The tables the matrix covers (compared with pg_tables by the meta-checks). */
export function tablesInMatrix(): string[] {
  return [...new Set(Object.values(RLS_MATRIX).map((c) => c.table))].sort();
}
