/** What each e-mail says; plain text plus a simple HTML version of the same. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function layout(title: string, paragraphs: string[], action?: { label: string; url: string }) {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  const button = action
    ? `<p><a href="${escapeHtml(action.url)}" style="background:#4338ca;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a></p>\n<p style="font-size:12px;color:#555">Or paste this link into your browser: ${escapeHtml(action.url)}</p>`
    : '';
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a"><h1 style="font-size:20px">${escapeHtml(title)}</h1>\n${body}\n${button}\n<p style="font-size:12px;color:#555">PromptNX</p></body></html>`;
}

export const emailTemplates = {
  confirm_signup: (data: { url: string }): RenderedEmail => ({
    subject: 'Confirm your PromptNX account',
    text: `Welcome to PromptNX!\n\nConfirm your e-mail address to finish signing up:\n${data.url}\n\nIf you did not sign up, ignore this e-mail.`,
    html: layout(
      'Confirm your e-mail',
      [
        'Welcome to PromptNX! Confirm your e-mail address to finish signing up.',
        'If you did not sign up, ignore this e-mail.',
      ],
      { label: 'Confirm e-mail', url: data.url },
    ),
  }),
  recovery: (data: { url: string }): RenderedEmail => ({
    subject: 'Reset your PromptNX password',
    text: `Someone asked to reset the password of this PromptNX account.\n\nChoose a new password here (the link works once, for one hour):\n${data.url}\n\nIf it was not you, ignore this e-mail; your password stays as it is.`,
    html: layout(
      'Reset your password',
      [
        'Someone asked to reset the password of this PromptNX account. The link works once, for one hour.',
        'If it was not you, ignore this e-mail; your password stays as it is.',
      ],
      { label: 'Choose a new password', url: data.url },
    ),
  }),
  email_change: (data: { url: string; email: string }): RenderedEmail => ({
    subject: 'Confirm your new e-mail address',
    text: `Confirm that ${data.email} is the new e-mail address of your PromptNX account:\n${data.url}`,
    html: layout(
      'Confirm your new e-mail address',
      [`Confirm that ${data.email} is the new e-mail address of your PromptNX account.`],
      {
        label: 'Confirm new address',
        url: data.url,
      },
    ),
  }),
} as const;

export type EmailTemplate = keyof typeof emailTemplates;
