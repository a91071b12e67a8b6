import { toPlainText } from '@react-email/render';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

/** What each e-mail says: a subject, an HTML body and the same as plain text. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** One e-mail: its subject, its react-email component, and example data for previews. */
export interface EmailDefinition<D extends object> {
  subject(data: D): string;
  Component(props: D): ReactElement;
  /** Realistic data for the preview script and the tests. */
  sample: D;
}

// The doctype react-email's render() writes: the one mail clients expect.
const DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

/**
 * Renders synchronously (react-dom's static renderer; @react-email/render's
 * render() is async), so `emailTemplates[name](data)` stays a plain function
 * and e-mails can be built inside any transaction. The templates use no
 * Suspense, so the markup is what render() would produce. The plain text is
 * generated from the same HTML: one source, nothing to keep in step.
 */
export function renderEmail<D extends object>(
  definition: EmailDefinition<D>,
  data: D,
): RenderedEmail {
  const html = `${DOCTYPE}${renderToStaticMarkup(createElement(definition.Component, data))}`;
  return { subject: oneLine(definition.subject(data)), html, text: htmlToText(html) };
}

// A subject is one header line: a title with a line break must not break it.
const oneLine = (subject: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  subject.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();

/** The plain-text body of an HTML e-mail, as react-email converts it, links as `label url`. */
export function htmlToText(html: string): string {
  return toPlainText(html, {
    selectors: [
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      // `label url`, the URL bare and followed by white space: what people and the
      // link finders of mail clients (and of our tests) expect.
      { selector: 'a', options: { linkBrackets: false, hideLinkHrefIfSameAsText: true } },
    ],
  })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
