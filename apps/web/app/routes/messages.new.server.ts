import { chatMessageBodySchema } from '@promptnx/schema';
import { ApiError, type PromptnxClient } from '@promptnx/sdk';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { z } from 'zod';
import { createApiClient, isApiOutage } from '../lib/api.server';
import { threadPath } from '../lib/chat';
import { chatPageFailure } from '../lib/chat.server';
import { assertCsrf } from '../lib/csrf.server';
import { fieldErrorsFromApi, formText } from '../lib/form-errors';
import { problemMessage } from '../lib/orders.server';
import { requireUser, signedOutRedirect } from '../lib/session.server';

const UNAVAILABLE = 'Messages are unavailable right now';

const topicSchema = z.object({
  promptId: z.uuid().optional(),
  orderId: z.uuid().optional(),
  sellerId: z.uuid().optional(),
});
export type Topic = z.infer<typeof topicSchema>;

function topicFrom(read: (name: string) => string | null): Topic | null {
  const parsed = topicSchema.safeParse({
    promptId: read('promptId') || undefined,
    orderId: read('orderId') || undefined,
    sellerId: read('sellerId') || undefined,
  });
  if (!parsed.success) return null;
  const topic = parsed.data;
  return topic.promptId || topic.orderId || topic.sellerId ? topic : null;
}

/** What the compose page says the conversation is about. */
export interface ComposeContext {
  sellerName: string | null;
  promptTitle: string | null;
  receiptNumber: string | null;
  /** An order with prompts of several sellers: the buyer picks one first. */
  sellers: { id: string; displayName: string }[];
  /** The asker sells this prompt: nobody to write to. */
  own: boolean;
}

async function contextOf(api: PromptnxClient, topic: Topic, me: string): Promise<ComposeContext> {
  const context: ComposeContext = {
    sellerName: null,
    promptTitle: null,
    receiptNumber: null,
    sellers: [],
    own: false,
  };
  if (topic.promptId) {
    const prompt = await api.prompts.get(topic.promptId);
    context.promptTitle = prompt.title;
    context.sellerName = prompt.seller.displayName;
    context.own = prompt.viewer.isSeller || prompt.seller.id === me;
  }
  if (topic.orderId) {
    const order = await api.orders.get(topic.orderId);
    context.receiptNumber = order.receiptNumber;
    const sellers = new Map(order.items.map((i) => [i.seller.id, i.seller.displayName]));
    const chosen = topic.sellerId ? sellers.get(topic.sellerId) : undefined;
    if (chosen) context.sellerName = chosen;
    else if (sellers.size === 1) context.sellerName = [...sellers.values()][0]!;
    else if (!context.sellerName) {
      context.sellers = [...sellers].map(([id, displayName]) => ({ id, displayName }));
    }
  }
  if (!context.sellerName && topic.sellerId && context.sellers.length === 0) {
    context.sellerName = (await api.sellersPublic.get(topic.sellerId)).displayName;
  }
  return context;
}

/** GET /messages/new?promptId=…|orderId=…[&sellerId=…]: write to a seller. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const search = new URL(request.url).searchParams;
  const topic = topicFrom((name) => search.get(name));
  if (!topic) throw redirect('/inbox', { headers });
  let context: ComposeContext;
  try {
    context = await contextOf(createApiClient(request, user.accessToken), topic, user.id);
  } catch (error) {
    return chatPageFailure(error, request, session, 'compose', UNAVAILABLE);
  }
  return data({ topic, context }, { headers });
}

export interface ComposeActionData {
  formError: string | null;
  bodyError: string | null;
  body: string;
}

/** POST /messages/new: starts the conversation (or adds to the one about this topic). */
export async function action({ request }: ActionFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const body = formText(formData, 'body');
  const refused = (status: number, answer: Partial<ComposeActionData>) =>
    data<ComposeActionData>(
      { formError: null, bodyError: null, body, ...answer },
      { status, headers },
    );
  const topic = topicFrom((name) => formText(formData, name));
  if (!topic) return refused(400, { formError: 'That did not work. Go back and try again.' });
  const checked = chatMessageBodySchema.safeParse(body);
  if (!checked.success) {
    return refused(400, {
      bodyError: body ? 'Keep it under 4,000 characters.' : 'Write a message first.',
    });
  }
  let threadId: string;
  try {
    const thread = await createApiClient(request, user.accessToken).chat.start({
      ...topic,
      message: checked.data,
    });
    threadId = thread.id;
  } catch (error) {
    if (error instanceof ApiError) {
      if (error.status === 401) throw await signedOutRedirect(request, session);
      if (error.code === 'CHAT_BLOCKED' || error.code === 'RATE_LIMITED') {
        return refused(error.status, { formError: problemMessage(error) });
      }
      if (error.code === 'VALIDATION_FAILED') {
        const fields = fieldErrorsFromApi(error.problem.errors);
        return refused(400, {
          bodyError: fields.message ?? null,
          formError: fields.message ? null : problemMessage(error),
        });
      }
      if (error.status === 404 || error.status === 403) {
        return refused(error.status, { formError: problemMessage(error) });
      }
    }
    if (isApiOutage(error)) {
      console.warn(`[web] compose: ${(error as Error).message}`);
      return refused(503, {
        formError: 'Your message was not sent. Please try again in a moment.',
      });
    }
    throw error;
  }
  throw redirect(threadPath(threadId), { status: 303, headers });
}
