import { render } from '@react-email/render';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { type EmailTemplate, emailDefinitions, emailTemplates, money } from './index.js';

const templates = Object.keys(emailDefinitions) as EmailTemplate[];
const renderSample = (template: EmailTemplate) =>
  emailTemplates[template](emailDefinitions[template].sample as never);

describe('emailTemplates', () => {
  it.each(templates)('%s: subject and plain text (snapshot)', (template) => {
    const email = renderSample(template);
    expect(email.subject).toMatchSnapshot('subject');
    expect(email.text).toMatchSnapshot('text');
  });

  it.each(templates)('%s has the shared layout: header, heading, footer saying why', (template) => {
    const { html, text } = renderSample(template);
    expect(html).toMatch(/^<!DOCTYPE html PUBLIC "-\/\/W3C\/\/DTD XHTML 1\.0 Transitional\/\/EN"/);
    expect(html).toContain('<html dir="ltr" lang="en">');
    expect(text.split('\n')[0]).toBe('PromptNX');
    expect(text).toMatch(/You received this e-mail because .+/);
    expect(text).not.toMatch(/[<>]/);
  });

  it('puts the link in both bodies of every e-mail that has one', () => {
    const url = 'https://promptnx.example/auth/confirm?token_hash=abc123&type=recovery';
    const { text, html } = emailTemplates.recovery({ url });
    expect(text).toContain(`Choose a new password ${url}\n`);
    // As our tests and mail clients find links: the URL ends at white space.
    expect(text.match(/https?:\/\/\S+/)?.[0]).toBe(url);
    expect(html).toContain(`href="${url.replace('&', '&amp;')}"`);
    // The "or paste this link" line is for HTML readers; the text shows the link once.
    expect(text.split(url)).toHaveLength(2);
  });

  it('shows amounts as money and lists every item of a receipt', () => {
    const { text, subject } = emailTemplates.order_receipt({
      receiptNumber: 'PNX-1',
      paidAt: '1 December 2026',
      currency: 'eur',
      total: 123456,
      items: [
        { title: 'First', seller: 'Ada', amount: 123000 },
        { title: 'Second', seller: 'Bob', amount: 456 },
      ],
      libraryUrl: 'https://promptnx.example/library',
    });
    expect(subject).toBe('Your PromptNX receipt PNX-1');
    expect(text).toMatch(/First \(by Ada\)\s+€1,230\.00/);
    expect(text).toMatch(/Second \(by Bob\)\s+€4\.56/);
    expect(text).toMatch(/Total\s+€1,234\.56/);
    expect(text).toContain('Open your library https://promptnx.example/library');
  });

  it('escapes what users wrote: a prompt title cannot inject HTML', () => {
    const title = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"';
    const sale = emailTemplates.sale_made({
      ...emailDefinitions.sale_made.sample,
      promptTitle: title,
    });
    expect(sale.html).not.toContain('<script>');
    expect(sale.html).not.toContain('<img src=x');
    expect(sale.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(sale.html).toContain('&amp; &quot;quotes&quot;');
    // The plain text and the subject are text: the title as written.
    expect(sale.text).toContain(`“${title}” sold for $12.99.`);
    expect(sale.subject).toBe(`You sold “${title}”`);

    const receipt = emailTemplates.order_receipt({
      ...emailDefinitions.order_receipt.sample,
      items: [{ title, seller: '<b>Mallory</b>', amount: 100 }],
    });
    expect(receipt.html).not.toContain('<script>');
    expect(receipt.html).not.toContain('<b>Mallory');
    expect(receipt.html).toContain('&lt;b&gt;Mallory&lt;/b&gt;');

    const denied = emailTemplates.refund_denied({
      ...emailDefinitions.refund_denied.sample,
      reason: '</p><a href="https://evil.example">click</a>',
    });
    expect(denied.html).not.toContain('href="https://evil.example"');
  });

  it('keeps a subject on one line whatever the title holds', () => {
    const { subject } = emailTemplates.sale_made({
      ...emailDefinitions.sale_made.sample,
      promptTitle: 'Line one\r\nBcc: someone@example.com',
    });
    expect(subject).toBe('You sold “Line one Bcc: someone@example.com”');
  });

  it('renders what react-email’s own async render() renders', async () => {
    for (const template of templates) {
      const definition = emailDefinitions[template];
      const ours = renderSample(template).html;
      const theirs = await render(
        createElement(definition.Component as (props: object) => never, definition.sample),
      );
      // The streaming renderer marks its Suspense boundary and separates adjacent
      // text with empty comments; the markup is otherwise the same.
      expect(ours).toBe(theirs.replace(/<!--(?: |\$|\/\$)-->/g, ''));
    }
  });
});

describe('money', () => {
  it('formats minor units in the currency', () => {
    expect(money(1299, 'usd')).toBe('$12.99');
    expect(money(0, 'eur')).toBe('€0.00');
  });
});
