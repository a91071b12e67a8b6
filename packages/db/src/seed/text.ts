import type { PromptVariable } from '../schema/index.js';
import {
  CATEGORY_BANKS,
  type CategoryBank,
  DESCRIPTION_CLOSERS,
  DESCRIPTION_OPENERS,
  IMAGE_CHANGELOGS,
  IMAGE_TITLE_PREFIXES,
  MODEL_INFO,
  type Offer,
  type SeedModel,
  TEXT_CHANGELOGS,
  TITLE_ADJECTIVES,
  TITLE_SUFFIXES,
} from './phrases-catalog.js';
import {
  CHAT_AFTER_SALE,
  CHAT_FOLLOW_UPS,
  CHAT_PRE_SALE,
  CHAT_SIGN_OFFS,
  CHAT_THANKS,
  REVIEW_BODIES,
} from './phrases-people.js';
import { VARIABLES } from './phrases-variables.js';
import type { Rng } from './random.js';

// Deterministic text for listings, templates, reviews and chats, assembled
// from the phrase banks. Listing text and template text come from separate
// banks, so nothing of a template ends up in a title, description or tag.

export function categoryBank(slug: string): CategoryBank {
  const bank = CATEGORY_BANKS[slug];
  if (!bank) throw new Error(`no phrase bank for category '${slug}'`);
  return bank;
}

export function isImageModel(model: SeedModel): boolean {
  return (
    model === 'midjourney' || model === 'stable-diffusion' || model === 'flux' || model === 'dall-e'
  );
}

const titleCase = (text: string) => text.replace(/\b[a-z]/g, (c) => c.toUpperCase());
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function listJoin(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export interface ListingText {
  title: string;
  description: string;
  tags: string[];
}

export interface ListingFacts {
  model: SeedModel;
  variableNames: readonly string[];
  testedModels: readonly string[];
  exampleImages: number;
}

/** Title, description and tags: the public face of a prompt. */
export function listingText(
  rng: Rng,
  bank: CategoryBank,
  offer: Offer,
  facts: ListingFacts,
): ListingText {
  const info = MODEL_INFO[facts.model];
  const subject = rng.pick(offer.subjects);
  const audience = rng.pick(bank.audiences);
  let title: string;
  if (bank.kind === 'image') {
    title = rng.weighted<string>([
      [`${rng.pick(IMAGE_TITLE_PREFIXES)} ${subject}`, 3],
      [`${subject} for ${info.label}`, 2],
      [`${rng.pick(IMAGE_TITLE_PREFIXES)} ${subject} (${info.label})`, 2],
      [`${subject} ${rng.pick(TITLE_SUFFIXES)}`, 1],
    ]);
  } else {
    title = rng.weighted<string>([
      [subject, 2],
      [`${rng.pick(TITLE_ADJECTIVES)} ${subject}`, 3],
      [`${subject} for ${titleCase(audience)}`, 2],
      [`${subject} ${rng.pick(TITLE_SUFFIXES)}`, 1],
      [`${subject} (${info.label})`, 1],
    ]);
  }

  const benefit = rng.pick(bank.benefits);
  const opener = rng
    .pick(DESCRIPTION_OPENERS)
    .replace('{benefit}', benefit)
    .replace('{audience}', audience);
  const parts = [sentence(opener)];
  const names = facts.variableNames.map((n) => n.replace(/_/g, ' '));
  if (names.length > 0) {
    parts.push(
      names.length === 1
        ? `Fill in one variable (${names[0]}) and get a result tailored to you.`
        : `Fill in ${names.length} variables (${listJoin(names)}) and get a result tailored to you.`,
    );
  }
  const tested = facts.testedModels;
  parts.push(
    `Tuned for ${info.label} and tested on ${listJoin(tested.map((m) => m.replace(/-/g, ' ')))}.`,
  );
  if (facts.exampleImages > 1) {
    parts.push(`Comes with ${facts.exampleImages} example images so you know what to expect.`);
  }
  parts.push(rng.pick(DESCRIPTION_CLOSERS));

  const tags = new Set<string>([info.tag]);
  for (const tag of rng.sample(bank.tags, rng.int(3, 5))) tags.add(tag);
  if (bank.kind === 'image' && rng.chance(0.4)) tags.add('ai-art');

  return { title, description: parts.join(' '), tags: [...tags].slice(0, 10) };
}

export interface VersionContent {
  template: string;
  instructions: string;
  modelParams: Record<string, unknown>;
  variables: PromptVariable[];
  testedModels: string[];
  changelog: string;
}

const placeholder = /\[([a-z_]+)\]/g;

/** The typed variables of a template, in order of first use. */
export function variablesOf(rng: Rng, template: string): PromptVariable[] {
  const seen = new Set<string>();
  const variables: PromptVariable[] = [];
  for (const match of template.matchAll(placeholder)) {
    const name = match[1] as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const spec = VARIABLES[name];
    if (!spec) throw new Error(`template uses [${name}], which has no variable description`);
    variables.push({
      name,
      type: spec.type,
      description: spec.description,
      example: rng.pick(spec.examples),
      ...(spec.options ? { options: [...spec.options] } : {}),
    });
  }
  return variables;
}

const NEGATIVE_PROMPT =
  'lowres, blurry, watermark, signature, text, jpeg artifacts, extra fingers, deformed hands';

function imageTemplate(
  rng: Rng,
  bank: CategoryBank & { kind: 'image' },
  scene: string,
  model: SeedModel,
) {
  const details = rng.sample(bank.details, rng.int(3, 5));
  const build = (extra: readonly string[]) => {
    const all = [...details, ...extra];
    switch (model) {
      case 'midjourney':
        return `${scene}, ${all.join(', ')} --ar [aspect_ratio] --stylize ${rng.pick([100, 250, 400, 750])} --v 7`;
      case 'stable-diffusion':
        return `${scene}, ${all.join(', ')}, masterpiece, best quality, highly detailed\nNegative prompt: ${NEGATIVE_PROMPT}`;
      case 'flux':
        return `${sentence(scene)}. The image is ${listJoin(all)}. Aspect ratio [aspect_ratio].`;
      default:
        return `Create an image: ${scene}. Style notes: ${all.join('; ')}. Leave no text in the image.`;
    }
  };
  return { build, pool: bank.details.filter((d) => !details.includes(d)) };
}

function textTemplate(rng: Rng, bank: CategoryBank & { kind: 'text' }, task: string) {
  const role = rng.pick(bank.roles);
  const rules = rng.sample(bank.outputs, 2);
  const build = (extra: readonly string[]) =>
    `${role}\n\n${task}\n\nRules:\n${[...rules, ...extra].map((r) => `- ${r}`).join('\n')}`;
  return { build, pool: bank.outputs.filter((o) => !rules.includes(o)) };
}

const EXTRA_TEXT_RULES = [
  'If any input is missing or unclear, ask one clarifying question before you start.',
  'Never invent facts, numbers or quotes; say what you would need to check.',
  'After the answer, suggest one way to make the result even better.',
];

function instructionsFor(model: SeedModel, tested: readonly string[]): string {
  const info = MODEL_INFO[model];
  const first = tested[0] ?? info.label;
  switch (model) {
    case 'midjourney':
      return `1. Replace every bracketed variable with your own choice.\n2. Paste the prompt after /imagine in Discord or into the Midjourney web app (${first} recommended).\n3. Add --chaos 10 for more variety, or --seed to repeat a result.`;
    case 'stable-diffusion':
      return `1. Replace every bracketed variable.\n2. Use ${first} at 1024×1024, 30 steps, CFG 7, sampler DPM++ 2M Karras.\n3. Put the line after "Negative prompt:" into the negative prompt field.`;
    case 'flux':
      return `1. Replace every bracketed variable.\n2. Run with ${first}; guidance 3.5 and 28 steps work well.\n3. Describe changes in full sentences rather than keywords.`;
    case 'dall-e':
      return `1. Replace every bracketed variable.\n2. Paste into ChatGPT or the Images API (${first}).\n3. Ask for "a variation with …" to iterate on a result you like.`;
    default:
      return `1. Replace every bracketed variable with your own details (each is described in the variable list).\n2. Paste the prompt into a new ${info.label} conversation (${first} recommended).\n3. If an answer drifts, reply "Follow the rules above" and it corrects itself.`;
  }
}

function modelParamsFor(rng: Rng, model: SeedModel): Record<string, unknown> {
  switch (model) {
    case 'midjourney':
      return { version: '7', stylize: rng.pick([100, 250, 400]), chaos: rng.pick([0, 5, 10]) };
    case 'stable-diffusion':
      return {
        steps: rng.pick([25, 30, 40]),
        cfg_scale: rng.pick([5.5, 7, 8]),
        sampler: 'DPM++ 2M Karras',
        width: 1024,
        height: rng.pick([1024, 1344]),
      };
    case 'flux':
      return { steps: rng.pick([4, 28, 50]), guidance: rng.pick([3, 3.5, 4]) };
    case 'dall-e':
      return {
        size: rng.pick(['1024x1024', '1024x1792', '1792x1024']),
        quality: 'hd',
        style: rng.pick(['vivid', 'natural']),
      };
    default:
      return {
        temperature: rng.pick([0.3, 0.5, 0.7, 0.9]),
        max_tokens: rng.pick([800, 1200, 2000, 4000]),
        ...(model === 'llama' ? { top_p: 0.9 } : {}),
      };
  }
}

/** The content of a prompt's versions, oldest first; each one refines the last. */
export function versionContents(
  rng: Rng,
  bank: CategoryBank,
  offer: Offer,
  model: SeedModel,
  count: number,
): VersionContent[] {
  const info = MODEL_INFO[model];
  const testedModels = rng.sample(info.tested, rng.int(1, Math.min(3, info.tested.length)));
  const { build, pool } =
    bank.kind === 'image'
      ? imageTemplate(rng, bank, offer.body, model)
      : textTemplate(rng, bank, offer.body);
  const extras = bank.kind === 'image' ? pool : [...pool, ...EXTRA_TEXT_RULES];
  const additions = rng.sample(extras, count - 1);
  const changelogs = rng.sample(
    bank.kind === 'image' ? IMAGE_CHANGELOGS : TEXT_CHANGELOGS,
    count - 1,
  );
  const modelParams = modelParamsFor(rng, model);
  const instructions = instructionsFor(model, testedModels);
  const versions: VersionContent[] = [];
  for (let v = 0; v < count; v++) {
    const template = build(additions.slice(0, v));
    versions.push({
      template,
      instructions,
      modelParams,
      variables: variablesOf(rng, template),
      testedModels,
      changelog: v === 0 ? 'Initial release.' : (changelogs[v - 1] ?? 'Small improvements.'),
    });
  }
  return versions;
}

export function reviewBody(rng: Rng, rating: number, modelLabel: string): string {
  const bank = REVIEW_BODIES[rating] ?? REVIEW_BODIES[5]!;
  return rng.pick(bank).replace('{model}', modelLabel);
}

export interface ChatLine {
  fromBuyer: boolean;
  body: string;
}

/**
 * A short buyer–seller conversation about a prompt, 2 to 6 messages: a
 * question and its answer, then thanks, another question and a sign-off.
 */
export function chatConversation(
  rng: Rng,
  title: string,
  model: SeedModel,
  bought: boolean,
  length: number,
): ChatLine[] {
  const label = MODEL_INFO[model].label;
  const sameKind = (Object.keys(MODEL_INFO) as SeedModel[]).filter(
    (m) => m !== model && isImageModel(m) === isImageModel(model),
  );
  const other = MODEL_INFO[rng.pick(sameKind)].label;
  const fill = (text: string) =>
    text.replaceAll('{title}', title).replaceAll('{other}', other).replaceAll('{model}', label);
  const [question, answer] = rng.pick(bought ? CHAT_AFTER_SALE : CHAT_PRE_SALE);
  const lines: ChatLine[] = [
    { fromBuyer: true, body: fill(question) },
    { fromBuyer: false, body: fill(answer) },
  ];
  if (length >= 4) {
    const [more, reply] = rng.pick(CHAT_FOLLOW_UPS);
    lines.push({ fromBuyer: true, body: more }, { fromBuyer: false, body: reply });
  }
  if (length % 2 === 1 || length >= 6) lines.push({ fromBuyer: true, body: rng.pick(CHAT_THANKS) });
  if (length >= 6) lines.push({ fromBuyer: false, body: rng.pick(CHAT_SIGN_OFFS) });
  return lines;
}

/** Lower-case words joined by dashes, as slugs and usernames want. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}
