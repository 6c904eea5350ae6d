// The one way the app sends mail: nodemailer over SMTP (SMTP_URL). Framework-
// free so tests can point it at a real SMTP server. A failure is logged —
// without the SMTP credentials or the mail's body (it may hold a reset link) —
// and reported to the caller as false, never thrown: whoever asked for the mail
// must not learn from an error whether it was sent (or to whom).
import nodemailer from 'nodemailer';
import { redactSmtpUrl } from '../config/mail-settings';
import type { MailContent } from './templates';

export type Mailer = { send(to: string, content: MailContent): Promise<boolean> };

export function createMailer(options: { smtpUrl: string; from: string; log?: (message: string) => void }): Mailer {
  const log = options.log ?? ((message: string) => console.error(message));
  const transport = nodemailer.createTransport(options.smtpUrl, { from: options.from });
  const where = redactSmtpUrl(options.smtpUrl);
  return {
    async send(to, content) {
      try {
        await transport.sendMail({ to, subject: content.subject, text: content.text });
        return true;
      } catch (error) {
        const reason = error instanceof Error ? `${(error as { code?: string }).code ?? error.name}` : 'unknown error';
        log(`[mail] sending "${content.subject}" through ${where} failed (${reason})`);
        return false;
      }
    },
  };
}
