import { formatMoney, type Money, PROMPT_SORTS, TARGET_MODELS } from '@promptnx/schema';

// Labels and small formatting rules of the catalog, shared by loaders and components.

export type TargetModel = (typeof TARGET_MODELS)[number];
export type PromptSort = (typeof PROMPT_SORTS)[number];

export const MODEL_LABELS: Record<TargetModel, string> = {
  chatgpt: 'ChatGPT',
  claude: 'Claude',
  gemini: 'Gemini',
  llama: 'Llama',
  midjourney: 'Midjourney',
  'dall-e': 'DALL·E',
  'stable-diffusion': 'Stable Diffusion',
  flux: 'Flux',
  other: 'Other',
};

/** Every target model with its label, in the order the schema lists them. */
export const MODELS = TARGET_MODELS.map((value) => ({ value, label: MODEL_LABELS[value] }));

export function isTargetModel(value: string): value is TargetModel {
  return (TARGET_MODELS as readonly string[]).includes(value);
}

/** A model's label; tested-model names the API does not know stay as they are. */
export function modelLabel(value: string): string {
  return isTargetModel(value) ? MODEL_LABELS[value] : value;
}

export const SORT_LABELS: Record<PromptSort, string> = {
  relevance: 'Best match',
  trending: 'Trending',
  newest: 'Newest',
  'top-rated': 'Top rated',
  'best-selling': 'Best selling',
};

export function isPromptSort(value: string): value is PromptSort {
  return (PROMPT_SORTS as readonly string[]).includes(value);
}

/** "$4.99", or "Free" for nothing. */
export function priceLabel(price: Money): string {
  return price.amount === 0 ? 'Free' : formatMoney(price);
}

/** "4.6" — one decimal, as ratings are shown everywhere. */
export function ratingLabel(average: number): string {
  return average.toFixed(1);
}

export function countLabel(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** A date as people read it, the same on the server and in the browser. */
export function dateLabel(iso: string | null): string {
  if (!iso) return '';
  return new Date(iso).toLocaleDateString('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
}

/** Where a seller's public page lives: their username when they have one. */
export function sellerPath(seller: { id: string; username: string | null }): string {
  return `/sellers/${encodeURIComponent(seller.username ?? seller.id)}`;
}

export function promptPath(prompt: { slug: string }): string {
  return `/p/${encodeURIComponent(prompt.slug)}`;
}
