// Reading the mails the app sent, from the real SMTP server that received them
// (e2e/support/mail-catcher.ts), over its JSON endpoint — never from a mock.
import { e2eMailInboxUrl } from './environment.ts';

export type Mail = { id: string; to: string[]; from: string; subject: string; text: string; receivedAt: string };

/** Every mail to `to` so far, newest first. */
export async function mailsTo(to: string): Promise<Mail[]> {
  const response = await fetch(`${e2eMailInboxUrl}/api/messages?to=${encodeURIComponent(to)}`);
  if (!response.ok) throw new Error(`mail catcher answered ${response.status}`);
  return (await response.json()) as Mail[];
}

/**
 * The newest mail to `to` whose subject matches, waiting for it (the app mails
 * after its response). `after`: only mails received after this moment.
 */
export async function readMail(to: string, subjectMatch: string | RegExp, options: { after?: Date; timeoutMs?: number } = {}): Promise<Mail> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  const matches = (subject: string) => (typeof subjectMatch === 'string' ? subject.includes(subjectMatch) : subjectMatch.test(subject));
  for (;;) {
    const mail = (await mailsTo(to)).find((m) => matches(m.subject) && (!options.after || Date.parse(m.receivedAt) >= options.after.getTime()));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${String(subjectMatch)} within ${options.timeoutMs ?? 15_000} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The first link in a mail's text that starts with `prefix`. */
export function linkIn(mail: Mail, prefix: string): string {
  const link = mail.text.split(/\s+/).find((word) => word.startsWith(prefix));
  if (!link) throw new Error(`no ${prefix}… link in "${mail.subject}"`);
  return link;
}
