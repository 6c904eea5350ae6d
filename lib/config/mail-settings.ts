// Outgoing mail (docs/decisions/040-email-and-password-reset.md): where it goes
// (SMTP_URL) and who it is from (MAIL_FROM). Framework-free: the env schema,
// the launcher and server.ts's settings use it.
import { z } from 'zod';
import { APP_NAME } from './app-name.ts';

/** The development mail catcher `npm start` runs (scripts/lib/mail-catcher.ts); nothing listens there in a deployment. */
export const DEFAULT_SMTP_PORT = 1025;
export const DEFAULT_SMTP_URL = `smtp://127.0.0.1:${DEFAULT_SMTP_PORT}`;
export const DEFAULT_MAIL_FROM = `${APP_NAME} <no-reply@localhost>`;

export const smtpUrl = z.string().max(2048).superRefine((text, ctx) => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be an SMTP URL, e.g. smtps://user:password@smtp.example.com:465' });
    return;
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    ctx.addIssue({ code: 'custom', message: 'must start with smtp:// (STARTTLS when offered) or smtps:// (TLS)' });
  }
  if (!url.hostname) ctx.addIssue({ code: 'custom', message: 'must name a host' });
});

// A header value: a line break would let it add headers of its own.
export const mailFrom = z
  .string()
  .trim()
  .max(320)
  .refine((text) => !/[\r\n\0]/.test(text), 'must be one line')
  .refine((text) => /@[^\s@>]+>?$/.test(text), `must be an address, e.g. "${APP_NAME} <no-reply@bank.example.com>"`);

/**
 * The operator's production (NODE_ENV=production where the server is launched,
 * before Next sets it for every `next start`) sends real mail: password reset
 * mails a link, so SMTP_URL must be set — the local catcher's default would lose
 * every mail in silence.
 */
export function productionMailProblem(source: Record<string, string | undefined>): string | undefined {
  if (source.NODE_ENV !== 'production' || source.SMTP_URL) return undefined;
  return (
    'SMTP_URL: is required when NODE_ENV=production (password reset emails a link). Set it to your mail server, ' +
    'e.g. SMTP_URL=smtps://user:password@smtp.example.com:465, and MAIL_FROM to the sender address.'
  );
}

/** SMTP_URL as it may appear in a log: no user name or password. */
export function redactSmtpUrl(text: string): string {
  try {
    const url = new URL(text);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return '(unparseable SMTP_URL)';
  }
}
