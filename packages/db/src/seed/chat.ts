import { chatMessages, chatThreads, notifications } from '../schema/index.js';
import type { AccountPlan } from './accounts.js';
import { type InsertTarget, into, type RowOf } from './bulk.js';
import { isSellable, type PlannedPrompt } from './catalog.js';
import type { CommercePlan } from './commerce.js';
import { at, DAY, HOUR, MINUTE, type SeedContext, type SeedIds } from './context.js';
import { ROW, rngFor } from './random.js';
import { chatConversation } from './text.js';

export interface ChatRows {
  threads: InsertTarget;
  messages: InsertTarget;
  notifications: InsertTarget;
}

interface ThreadTopic {
  buyer: number;
  prompt: PlannedPrompt;
  orderId: string | null;
  /** Earliest moment the conversation can start. */
  from: number;
}

/**
 * Conversations between buyers and sellers: most about a purchase, some
 * questions before buying, and always one between the demo buyer and seller.
 */
export function buildChatRows(
  ctx: SeedContext,
  ids: SeedIds,
  catalog: PlannedPrompt[],
  plan: CommercePlan,
  accounts: AccountPlan,
): ChatRows {
  const now = ctx.now.getTime();
  const rng = rngFor(ctx.seed, 'chat');
  const paid = plan.purchases.filter((p) => !p.free);
  const published = catalog.filter((p) => isSellable(p) && p.status === 'published');
  const topics: ThreadTopic[] = [];

  const demo = paid.find((p) => p.buyer === 0 && p.prompt.seller === 0);
  if (demo) {
    topics.push({
      buyer: 0,
      prompt: demo.prompt,
      orderId: plan.orders[demo.order]!.id,
      from: demo.at,
    });
  }
  const wanted = Math.max(4, Math.round(accounts.buyers.length * 0.5));
  for (let n = 0; n < wanted && (paid.length > 0 || published.length > 0); n++) {
    if (paid.length > 0 && (published.length === 0 || rng.chance(0.75))) {
      const purchase = paid[rng.int(0, paid.length - 1)]!;
      topics.push({
        buyer: purchase.buyer,
        prompt: purchase.prompt,
        orderId: plan.orders[purchase.order]!.id,
        from: purchase.at,
      });
    } else {
      const prompt = published[rng.int(0, published.length - 1)]!;
      const from = prompt.publishedAt!.getTime();
      topics.push({
        buyer: rng.int(0, accounts.buyers.length - 1),
        prompt,
        orderId: null,
        from: from + Math.round(rng.next() * Math.max(0, now - from - DAY)),
      });
    }
  }

  const threadRows: RowOf<typeof chatThreads>[] = [];
  const messageRows: RowOf<typeof chatMessages>[] = [];
  const notificationRows: RowOf<typeof notifications>[] = [];
  // One thread per buyer, seller and topic (the chat_threads_topic_key constraint).
  const taken = new Set<string>();
  for (const topic of topics) {
    const key = `${topic.buyer}:${topic.prompt.id}:${topic.orderId}`;
    if (taken.has(key)) continue;
    taken.add(key);
    const trng = rngFor(ctx.seed, 'thread', threadRows.length);
    const buyer = accounts.buyers[topic.buyer]!;
    const seller = accounts.sellers[topic.prompt.seller]!;
    const lines = chatConversation(
      trng,
      topic.prompt.title,
      topic.prompt.model,
      topic.orderId !== null,
      trng.int(2, 6),
    );
    const times: number[] = [];
    let t = topic.from + trng.int(10 * MINUTE, 3 * DAY);
    for (let i = 0; i < lines.length; i++) {
      times.push(Math.min(t, now - (lines.length - i) * MINUTE));
      t += trng.int(5 * MINUTE, 20 * HOUR);
    }
    for (let i = 1; i < times.length; i++) times[i] = Math.max(times[i]!, times[i - 1]! + 1000);
    const id = ids.next(ROW.thread);
    lines.forEach((line, i) => {
      messageRows.push({
        id: ids.next(ROW.message),
        thread_id: id,
        sender_id: line.fromBuyer ? buyer.id : seller.id,
        body: line.body,
        created_at: at(times[i]!),
      });
    });
    const last = times[times.length - 1]!;
    const lastFromBuyer = lines[lines.length - 1]!.fromBuyer;
    const previous = times[times.length - 2] ?? times[0]!;
    const recipientRead = trng.chance(0.6);
    const buyerRead = lastFromBuyer || recipientRead ? last : previous;
    const sellerRead = !lastFromBuyer || recipientRead ? last : previous;
    threadRows.push({
      id,
      buyer_id: buyer.id,
      seller_id: seller.id,
      prompt_id: topic.prompt.id,
      order_id: topic.orderId,
      subject: `About "${topic.prompt.title}"`.slice(0, 200),
      last_message_at: at(last),
      buyer_last_read_at: at(buyerRead),
      seller_last_read_at: at(sellerRead),
      created_at: at(times[0]!),
      updated_at: at(last),
    });
    if (!recipientRead) {
      const sender = lastFromBuyer ? buyer : seller;
      notificationRows.push({
        id: ids.next(ROW.notification),
        user_id: lastFromBuyer ? seller.id : buyer.id,
        type: 'message',
        title: `New message from ${sender.displayName}`.slice(0, 200),
        body: lines[lines.length - 1]!.body.slice(0, 140),
        data: { threadId: id },
        read_at: null,
        created_at: at(last),
      });
    }
  }

  return {
    threads: into(chatThreads, threadRows),
    messages: into(chatMessages, messageRows),
    notifications: into(notifications, notificationRows),
  };
}
