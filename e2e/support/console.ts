import type { Page } from '@playwright/test';

/**
 * Playwright runs its own scripts in every frame; in a frame sandboxed without
 * allow-scripts (the dev mailbox shows e-mails in one) Chromium refuses them and logs
 * this. Nothing of ours ran: see Playwright issue 33343.
 */
const PLAYWRIGHT_SANDBOX_NOISE =
  /^Blocked script execution in 'about:(srcdoc|blank)' because the document's frame is sandboxed/;

export interface ConsoleErrorOptions {
  /** More URLs whose 4xx answers a journey expects (its own form errors, missing files). */
  expected4xx?: RegExp[];
  /** Count every dialog as an error (a script that got through would open one). */
  dialogs?: boolean;
}

/**
 * The errors a page logs or throws while a journey runs, for `expect(errors).toEqual([])`.
 * Expected: 4xx answers to Remix data requests (`.data`: a form's validation errors), the
 * favicon, and the URLs in `expected4xx`.
 */
export function collectConsoleErrors(page: Page, options: ConsoleErrorOptions = {}) {
  const errors: string[] = [];
  const expected = [/\.data(\?|$)/, /\/favicon\.ico$/, ...(options.expected4xx ?? [])];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (PLAYWRIGHT_SANDBOX_NOISE.test(text)) return;
    const url = message.location().url;
    if (/status of 4\d\d/.test(text) && expected.some((e) => e.test(url))) return;
    errors.push(`${text} (${url})`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  if (options.dialogs) {
    page.on('dialog', (dialog) => {
      errors.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
  }
  return errors;
}
