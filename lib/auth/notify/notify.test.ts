// Security notices (ADR 047) through the app's own modules, on a real database,
// mailed through a real SMTP server (the development catcher): each kind mails
// its owner once with the facts; repeats within the window do not; a dead SMTP
// server fails nothing; a lock by an outsider mails the owner, after the
// answer, which stays the same as for an unknown email.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { startMailCatcher, type CaughtMail } from '@/scripts/lib/mail-catcher';
import { APP_NAME } from '../../config/app-name';

// The mailer reads SMTP_URL once, when the app's modules load: point it at the catcher first.
const catcher = await startMailCatcher();
process.env.SMTP_URL = catcher.smtpUrl;
const { deliverNotice, NOTICE_WINDOW_MS, notifyUser, settleNotices, signInNotice } = await import('./index');
const { createMailer } = await import('../../mail/mailer');
const { attemptPasswordSignIn, loginThrottle } = await import('../sign-in');
const { hashPassword } = await import('../password');
type SecurityNotice = import('./index').SecurityNotice;

afterAll(() => catcher.close());

const db = getTestDb();
const t0 = new Date('2026-12-07T10:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword('the owner’s long passphrase');
});

let earlier = new Set<string>();
beforeEach(async () => {
  await resetTestDb();
  earlier = new Set(catcher.messages().map((mail) => mail.id));
});
const mailsTo = (email: string): CaughtMail[] => catcher.messages().filter((mail) => !earlier.has(mail.id) && mail.to.includes(email));
const createUser = (email = 'owner@example.com') => db.user.create({ data: { email, name: 'Owner', passwordHash } });

describe('notifyUser', () => {
  const cases: [SecurityNotice, string, RegExp[]][] = [
    [{ kind: 'new-sign-in', device: 'Firefox 128 on Windows 10', ipAddress: '203.0.113.7' }, `New sign-in to your ${APP_NAME} account`, [/Device: {2}Firefox 128 on Windows 10/, /Address: 203\.0\.113\.7/]],
    [{ kind: 'password-changed', by: 'security-centre' }, `Your ${APP_NAME} password was changed`, [/changed in the security centre/, /Every other session/]],
    [{ kind: 'password-changed', by: 'reset-link' }, `Your ${APP_NAME} password was changed`, [/changed by a reset link/]],
    [{ kind: 'totp-enabled' }, 'Two-step verification was turned on', [/new recovery codes/]],
    [{ kind: 'totp-disabled' }, 'Two-step verification was turned off', [/recovery codes no longer work/]],
    [{ kind: 'recovery-code-used', during: 'sign-in', remaining: 7 }, 'A recovery code was used', [/used to sign in/, /Recovery codes left: 7/]],
    [{ kind: 'passkey-added', name: 'Work laptop' }, 'A passkey was added to your account', [/"Work laptop" was added/]],
    [{ kind: 'passkey-removed', name: 'Old phone' }, 'A passkey was removed from your account', [/"Old phone" was removed/]],
    [{ kind: 'sso-linked', provider: 'Example ID' }, 'A sign-in identity was linked to your account', [/identity at Example ID was linked/]],
    [{ kind: 'sso-unlinked', provider: 'Example ID' }, 'A sign-in identity was unlinked from your account', [/identity at Example ID was unlinked/]],
    [{ kind: 'session-theft', device: 'Chrome 140 on macOS 15' }, `Possible session theft on your ${APP_NAME} account`, [/signed in on Chrome 140 on macOS 15/, /ended for both holders/]],
    [{ kind: 'account-locked', until: later(15 * 60_000) }, `Sign-in to your ${APP_NAME} account was locked`, [/until Mon, 07 Dec 2026 10:15:00 GMT/]],
    [{ kind: 'account-locked', until: null }, `Sign-in to your ${APP_NAME} account was locked`, [/until support unlocks it/]],
  ];

  it.each(cases)('mails %o once, plain text, with its facts and the footer', async (notice, subject, facts) => {
    const user = await createUser();
    expect(await deliverNotice(user.id, notice, { now: t0 })).toBe('sent');
    const [mail, ...more] = mailsTo('owner@example.com');
    expect(more).toEqual([]);
    expect(mail?.subject).toBe(subject);
    for (const fact of facts) expect(mail?.text).toMatch(fact);
    expect(mail?.text).toContain(t0.toUTCString());
    expect(mail?.text).toContain('Security notices cannot be turned off');
  });

  it('mails one notice per kind per window however often the event happens — in a row or in parallel — and again after the window', async () => {
    const user = await createUser();
    const locked: SecurityNotice = { kind: 'account-locked', until: null };
    expect(await deliverNotice(user.id, locked, { now: t0 })).toBe('sent');
    expect(await deliverNotice(user.id, locked, { now: later(60_000) })).toBe('within-window');
    const parallel = await Promise.all(Array.from({ length: 5 }, () => deliverNotice(user.id, locked, { now: later(NOTICE_WINDOW_MS - 1) })));
    expect(parallel).toEqual(Array(5).fill('within-window'));
    // Another kind is not held back by this one.
    expect(await deliverNotice(user.id, { kind: 'totp-disabled' }, { now: later(2 * 60_000) })).toBe('sent');
    const afterWindow = await Promise.all(Array.from({ length: 5 }, () => deliverNotice(user.id, locked, { now: later(NOTICE_WINDOW_MS + 1) })));
    expect(afterWindow.filter((outcome) => outcome === 'sent')).toHaveLength(1);
    expect(mailsTo('owner@example.com').map((mail) => mail.subject).sort()).toEqual([
      `Sign-in to your ${APP_NAME} account was locked`,
      `Sign-in to your ${APP_NAME} account was locked`,
      'Two-step verification was turned off',
    ]);
  });

  it('keeps what came from the request to one short plain line: no header, line or markup can be added', async () => {
    const user = await createUser();
    const device = `Evil\r\nBcc: victim@example.com\r\n\r\n<a href="https://phish.example">Click</a>${'x'.repeat(500)}`;
    await deliverNotice(user.id, { kind: 'new-sign-in', device, ipAddress: '198.51.100.1\nX-Injected: 1' }, { now: t0 });
    const [mail] = mailsTo('owner@example.com');
    const line = mail!.text.split('\n').find((l) => l.includes('Device:'))!;
    expect(line.length).toBeLessThan(100);
    expect(mail!.text).not.toMatch(/^Bcc:|^X-Injected/m);
    expect(mailsTo('victim@example.com')).toEqual([]);
  });

  it('never throws when the SMTP server is down: the notice is lost, logged, and the caller carries on', async () => {
    const user = await createUser();
    const logged: string[] = [];
    const dead = createMailer({ smtpUrl: 'smtp://127.0.0.1:9', from: 'a@localhost', log: (message) => logged.push(message) });
    await expect(deliverNotice(user.id, { kind: 'totp-enabled' }, { now: t0, send: dead.send })).resolves.toBe('failed');
    expect(logged.join('\n')).toMatch(/\[mail\] sending "Two-step verification was turned on" through smtp:\/\/127\.0\.0\.1:9 failed/);
    // A user who is gone (deleted meanwhile) is no error either.
    await expect(deliverNotice('no-such-user', { kind: 'totp-enabled' }, { now: t0 })).resolves.toBe('no-recipient');
  });

  it('outside a request (no response to wait for) runs the work detached; the caller returns at once', async () => {
    const user = await createUser();
    notifyUser(user.id, { kind: 'passkey-added', name: 'Phone' });
    expect(mailsTo('owner@example.com')).toEqual([]);
    await settleNotices();
    expect(mailsTo('owner@example.com').map((mail) => mail.subject)).toEqual(['A passkey was added to your account']);
  });
});

describe('signInNotice (what counts as a new device)', () => {
  const context = { ipAddress: '203.0.113.9', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0' };
  it('a browser without the user’s current device proof is new: the notice names it by its User-Agent and address', () => {
    expect(signInNotice({ method: 'password', knownDevice: false, context })).toEqual({ kind: 'new-sign-in', device: 'Firefox 128 on Windows 10', ipAddress: '203.0.113.9' });
    expect(signInNotice({ method: 'passkey', knownDevice: false, context: { ipAddress: null, userAgent: null } })).toEqual({ kind: 'new-sign-in', device: 'Unknown device', ipAddress: null });
  });
  it('a known device, or a re-authentication inside a session, is not', () => {
    expect(signInNotice({ method: 'password', knownDevice: true, context })).toBeNull();
    expect(signInNotice({ method: 'totp', knownDevice: true, context })).toBeNull();
    expect(signInNotice({ method: 'reauth', knownDevice: false, context })).toBeNull();
  });
});

describe('lockout notice', () => {
  const context = { ipAddress: '192.0.2.50', userAgent: 'vitest' };
  const lockOut = async (email: string) => {
    const answers: string[] = [];
    for (let i = 0; i <= loginThrottle.config.maxFailures; i++) answers.push((await attemptPasswordSignIn({ email, password: 'a wrong guess!!', context })).status);
    return answers;
  };

  it('an outsider locking an account mails its owner once, after the answer — which is the same as for an unknown email', async () => {
    await createUser();
    const known = await lockOut('owner@example.com');
    const unknown = await lockOut('nobody@example.com');
    expect(known).toEqual(unknown);
    expect(known.at(-1)).toBe('blocked');
    await settleNotices();
    const mails = mailsTo('owner@example.com');
    expect(mails.map((mail) => mail.subject)).toEqual([`Sign-in to your ${APP_NAME} account was locked`]);
    expect(mailsTo('nobody@example.com')).toEqual([]);
    // More refused attempts while locked mail nothing more.
    await lockOut('owner@example.com');
    await settleNotices();
    expect(mailsTo('owner@example.com')).toHaveLength(1);
  });
});
