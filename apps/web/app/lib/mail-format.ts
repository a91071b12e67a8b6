/** When an e-mail was captured, in UTC so server and browser render the same text. */
export function formatSent(iso: string) {
  return `${new Date(iso).toLocaleString('en', {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'UTC',
  })} UTC`;
}

const URL_PATTERN = /https?:\/\/[^\s<>"'()[\]]+/g;

/** Splits a text body into plain text and http(s) addresses (without trailing punctuation). */
export function splitLinks(text: string): { text: string; href?: string }[] {
  const parts: { text: string; href?: string }[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const href = match[0].replace(/[.,;:!?]+$/, '');
    const start = match.index;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: href, href });
    last = start + href.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
