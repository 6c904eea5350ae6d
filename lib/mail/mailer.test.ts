// The mailer against a real SMTP server: the development catcher `npm start` runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, type MailCatcher } from '@/scripts/lib/mail-catcher';
import { createMailer } from './mailer';
import { passwordResetMail, plainValue } from './templates';
import { APP_NAME } from '../config/app-name';

let catcher: MailCatcher;
beforeAll(async () => {
  catcher = await startMailCatcher();
});
afterAll(() => catcher.close());

describe('mailer', () => {
  it('delivers a plain-text mail over SMTP, with no HTML part', async () => {
    const mailer = createMailer({ smtpUrl: catcher.smtpUrl, from: `${APP_NAME} <no-reply@localhost>` });
    const content = passwordResetMail({ link: 'http://localhost:3000/reset-password?token=abc.def', validMinutes: 30 });
    expect(await mailer.send('Someone@Example.com', content)).toBe(true);
    const [mail] = (await (await fetch(`${catcher.inboxUrl}api/messages?to=someone@example.com`)).json()) as { subject: string; text: string; from: string }[];
    expect(mail?.subject).toBe(`Reset your ${APP_NAME} password`);
    expect(mail?.from).toContain('no-reply@localhost');
    expect(mail?.text).toContain('http://localhost:3000/reset-password?token=abc.def');
  });

  it('reports a failure as false and logs it without the SMTP credentials or the body', async () => {
    const logged: string[] = [];
    const mailer = createMailer({ smtpUrl: 'smtp://user:hunter2@127.0.0.1:9', from: 'a@localhost', log: (m) => logged.push(m) });
    expect(await mailer.send('x@example.com', passwordResetMail({ link: 'http://localhost/reset-password?token=secret.value', validMinutes: 30 }))).toBe(false);
    expect(logged.join('\n')).toContain(`[mail] sending "Reset your ${APP_NAME} password" through smtp://127.0.0.1:9`);
    expect(logged.join('\n')).not.toMatch(/hunter2|user@|secret\.value/);
  });

  it('takes line breaks and control characters out of values put in a body', () => {
    expect(plainValue('a\r\nBcc: evil@example.com\u2028x')).toBe('a  Bcc: evil@example.com x');
  });

  it('shows the inbox escaped: a subject with markup is text', async () => {
    const mailer = createMailer({ smtpUrl: catcher.smtpUrl, from: 'a@localhost' });
    await mailer.send('html@example.com', { subject: '<script>alert(1)</script>', text: '<b>bold</b>' });
    const inbox = await (await fetch(catcher.inboxUrl)).text();
    expect(inbox).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(inbox).not.toContain('<script>');
  });
});
