/**
 * `pnpm --filter @promptnx/emails preview`: renders every template with its
 * sample data into .data/email-preview/ (HTML, plain text and an index page)
 * to open in a browser. The dev mailbox shows the real ones.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '@promptnx/db';
import { type EmailTemplate, emailDefinitions, renderTemplate } from './templates.js';

const outDir = path.join(repoRoot, '.data', 'email-preview');
await mkdir(outDir, { recursive: true });

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const items: string[] = [];
for (const template of Object.keys(emailDefinitions) as EmailTemplate[]) {
  const email = renderTemplate(template, emailDefinitions[template].sample as never);
  await writeFile(path.join(outDir, `${template}.html`), email.html);
  await writeFile(
    path.join(outDir, `${template}.txt`),
    `Subject: ${email.subject}\n\n${email.text}\n`,
  );
  items.push(
    `<li><strong>${escapeHtml(template)}</strong>: ${escapeHtml(email.subject)} · <a href="${template}.html">HTML</a> · <a href="${template}.txt">text</a></li>`,
  );
}
await writeFile(
  path.join(outDir, 'index.html'),
  `<!doctype html><meta charset="utf-8"><title>PromptNX e-mail preview</title><h1>E-mail templates</h1><ul>${items.join('')}</ul>`,
);
console.log(
  `wrote ${items.length} templates to ${path.relative(process.cwd(), outDir) || '.'}/index.html`,
);
