// Changing the sign-in address through the app's own modules, on a real
// database, mailing through a real SMTP server (the development catcher): what
// the owner, the new mailbox, the old mailbox and an attacker see. ADR 046.
import { describe, expect, it } from 'vitest';
import { getTestDb } from '@/test/db';
import { afterResponse, catchMail } from '@/test/mail';
import { signedInRequest, usersWithPassword, type StepUpOptions } from '@/test/accounts';
import { APP_NAME } from '@/lib/config/app-name';

// The mailer reads SMTP_URL once, when the app's modules load: point it at the catcher first.
const { mailsTo, forget } = await catchMail();
const change = await import('./index');
const reset = await import('../password-reset');
const { sessionStore } = await import('../../session');
const { attemptPasswordSignIn } = await import('../sign-in');

const db = getTestDb();
const context = { ipAddress: '192.0.2.46', userAgent: 'vitest' };
const origin = 'http://localhost:3000';
const PASSWORD = 'the owner long passphrase';
const CONFIRM_SUBJECT = `Confirm your new ${APP_NAME} sign-in address`;

const { schedule, settle } = afterResponse();

const users = usersWithPassword(PASSWORD);
const createUser = users.create;

/** A signed-in request of `user` (the change needs no session row: the confirmation has none). */
const signedIn = (user: { id: string; email: string }, options: StepUpOptions = {}) => signedInRequest(user, { id: 'session-id', authenticatedAt: new Date() }, options);

async function ask(current: ReturnType<typeof signedIn>, newEmail: string) {
  const result = await change.requestEmailChange(current, newEmail, context, { origin, schedule });
  await settle();
  return result;
}

async function linkFor(current: ReturnType<typeof signedIn>, newEmail: string): Promise<string> {
  await ask(current, newEmail);
  const mail = mailsTo(newEmail).find((m) => m.subject === CONFIRM_SUBJECT);
  const token = /\/confirm-email\?token=([\w.-]+)/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error(`no confirmation mail for ${newEmail}`);
  forget();
  return token;
}

const confirm = (token: string | undefined, now?: Date) => change.confirmEmailChange(token, context, { schedule, now });

describe('asking for a change', () => {
  it('needs a fresh step-up with the strongest factor the user has: anything less is refused before any work', async () => {
    const password = await createUser('password@example.com');
    const totp = await createUser('totp@example.com', { totp: true });
    const passkey = await createUser('passkey@example.com', { totp: true, passkey: true });
    const stale = new Date(Date.now() - 60 * 60_000);
    const refused = [
      signedIn(password, { authenticatedAt: stale }), // not fresh
      signedIn(totp, { totp: true, authLevel: 'single-factor' }), // fresh, but without the code
      signedIn(passkey, { totp: true, passkey: true, authLevel: 'multi-factor' }), // fresh, but not with the passkey
    ];
    let scheduled = 0;
    for (const current of refused) {
      expect(await change.requestEmailChange(current, 'new@example.com', context, { origin, schedule: () => void scheduled++ })).toEqual({ status: 'step-up' });
    }
    expect(scheduled).toBe(0);
    expect(await db.emailToken.count()).toBe(0);
    // The same users, stepped up with their strongest factor, may.
    expect((await ask(signedIn(password), 'a@example.com')).status).toBe('requested');
    expect((await ask(signedIn(totp, { totp: true, authLevel: 'multi-factor' }), 'b@example.com')).status).toBe('requested');
    expect((await ask(signedIn(passkey, { totp: true, passkey: true, authLevel: 'phishing-resistant' }), 'c@example.com')).status).toBe('requested');
  });

  it('refuses an implausible address and the current one with a clear message', async () => {
    const owner = signedIn(await createUser('owner@example.com'));
    expect(await ask(owner, 'not an address')).toEqual({ status: 'invalid', message: change.EMAIL_INVALID });
    expect(await ask(owner, ' Owner@Example.com ')).toEqual({ status: 'invalid', message: change.EMAIL_UNCHANGED });
  });

  it('answers a free and a taken address alike; only the free one gets a link, the taken one a notice, and that change never completes', async () => {
    const owner = signedIn(await createUser('owner@example.com'));
    const other = await createUser('taken@example.com');
    const trace = async (address: string) => {
      let scheduled = 0;
      const result = await change.requestEmailChange(owner, address, context, { origin, schedule: (work) => void (scheduled++, schedule(work)) });
      const tokensBefore = await db.emailToken.count();
      await settle();
      return { result, scheduled, tokensBefore, tokensIssued: (await db.emailToken.count()) - tokensBefore };
    };
    const free = await trace('Free@Example.com');
    const taken = await trace('taken@example.com');
    expect(free).toEqual({ result: { status: 'requested', message: change.emailChangeRequested('free@example.com') }, scheduled: 1, tokensBefore: 0, tokensIssued: 1 });
    expect(taken).toEqual({ result: { status: 'requested', message: change.emailChangeRequested('taken@example.com') }, scheduled: 1, tokensBefore: 1, tokensIssued: 1 });
    // The security log the requester sees says the same for both.
    const events = await db.auditEvent.findMany({ where: { type: 'email.change_requested', userId: owner.user.id }, select: { detail: true } });
    expect(events.map((e) => e.detail)).toEqual([JSON.stringify({ mailed: true }), JSON.stringify({ mailed: true })]);

    const [link] = mailsTo('free@example.com');
    expect(link?.subject).toBe(CONFIRM_SUBJECT);
    expect(link?.text).toMatch(new RegExp(`^${origin}/confirm-email\\?token=[\\w-]{22}\\.[\\w-]{43}$`, 'm'));
    const [notice] = mailsTo('taken@example.com');
    expect(notice?.subject).toBe(`Your address was entered for another ${APP_NAME} account`);
    expect(notice?.text).not.toMatch(/token=/);
    expect((await db.user.findUniqueOrThrow({ where: { id: other.id } })).email).toBe('taken@example.com');
    expect((await db.user.findUniqueOrThrow({ where: { id: owner.user.id } })).email).toBe('owner@example.com');
  });

  it('stores only a hash of the secret, bound to the current address; a new request supersedes the older link; at most 3 mails per hour', async () => {
    const owner = signedIn(await createUser('owner@example.com'));
    const first = await linkFor(owner, 'one@example.com');
    const second = await linkFor(owner, 'two@example.com');
    const rows = await db.emailToken.findMany({ orderBy: { createdAt: 'asc' } });
    expect(JSON.stringify(rows)).not.toContain(first.split('.')[1]);
    expect(rows.map((r) => [r.purpose, r.email, r.newEmail])).toEqual([
      ['email-change', 'owner@example.com', 'one@example.com'],
      ['email-change', 'owner@example.com', 'two@example.com'],
    ]);
    expect(await change.inspectEmailChangeLink(first)).toEqual({ status: 'invalid' });
    expect(await change.inspectEmailChangeLink(second)).toEqual({ status: 'valid', newEmail: 'two@example.com' });
    await ask(owner, 'three@example.com');
    await ask(owner, 'four@example.com');
    expect(mailsTo('three@example.com')).toHaveLength(1);
    expect(mailsTo('four@example.com')).toHaveLength(0); // the fourth in the hour: silently not mailed
  });
});

describe('opening the link', () => {
  it('changes the address, ends every session, audits it, tells the old address; the old address and its reset links stop working', async () => {
    const user = await createUser('owner@example.com');
    const sessions = [await sessionStore.createSession(user.id, { mfaVerified: false, context }), await sessionStore.createSession(user.id, { mfaVerified: false, context })];
    await reset.requestPasswordReset('owner@example.com', context, { origin, schedule });
    await settle();
    const resetToken = /\/reset-password\?token=([\w.-]+)/.exec(mailsTo('owner@example.com')[0]?.text ?? '')![1]!;
    const token = await linkFor(signedIn(user), 'new@example.com');

    expect(await confirm(token)).toEqual({ status: 'changed', newEmail: 'new@example.com', revokedSessions: 2 });
    await settle();
    const moved = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(moved.email).toBe('new@example.com');
    expect(moved.emailVerifiedAt).not.toBeNull(); // the link reached the new address
    for (const { session } of sessions) expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).revokedReason).toBe('email-changed');
    expect(await db.auditEvent.count({ where: { type: 'email.changed', userId: user.id } })).toBe(1);
    const [notice] = mailsTo('owner@example.com');
    expect(notice?.subject).toBe(`Your ${APP_NAME} sign-in address was changed`);
    expect(notice?.text).toContain('changed to n***@example.com');
    expect(notice?.text).not.toContain('new@example.com');

    expect(await reset.inspectResetLink(resetToken)).toEqual({ status: 'invalid' });
    expect((await attemptPasswordSignIn({ email: 'owner@example.com', password: PASSWORD, context })).status).toBe('invalid');
    expect((await attemptPasswordSignIn({ email: 'new@example.com', password: PASSWORD, context })).status).toBe('ok');
  });

  it('works once; of two requests racing with one link exactly one changes; a tampered link does nothing', async () => {
    const user = await createUser('owner@example.com');
    const token = await linkFor(signedIn(user), 'new@example.com');
    const [id, secret] = token.split('.') as [string, string];
    expect(await confirm(`${id}.${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`)).toEqual({ status: 'invalid-link' });
    expect(await confirm(undefined)).toEqual({ status: 'invalid-link' });
    const results = await Promise.all([confirm(token), confirm(token)]);
    expect(results.map((r) => r.status).sort()).toEqual(['changed', 'invalid-link']);
    expect(await confirm(token)).toEqual({ status: 'invalid-link' });
    expect(await db.auditEvent.count({ where: { type: 'email.changed' } })).toBe(1);
  });

  it('is bound to its purpose: a reset link does not change the address, a change link does not reset a password', async () => {
    const user = await createUser('owner@example.com');
    await reset.requestPasswordReset('owner@example.com', context, { origin, schedule });
    await settle();
    const resetToken = /\/reset-password\?token=([\w.-]+)/.exec(mailsTo('owner@example.com')[0]?.text ?? '')![1]!;
    expect(await confirm(resetToken)).toEqual({ status: 'invalid-link' });
    const token = await linkFor(signedIn(user), 'new@example.com');
    expect(await reset.inspectResetLink(token)).toEqual({ status: 'invalid' });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe('owner@example.com');
  });

  it('is bound to the address the account had when it was issued: after another change completed, an older link does nothing', async () => {
    const user = await createUser('owner@example.com');
    // Two mailboxes, two links (the second supersedes the first) — so the first is marked used anyway; an
    // address changed by other means (an operator) shows the binding alone.
    const token = await linkFor(signedIn(user), 'new@example.com');
    await db.user.update({ where: { id: user.id }, data: { email: 'moved@example.com' } });
    expect(await confirm(token)).toEqual({ status: 'invalid-link' });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe('moved@example.com');
  });

  it('an address another account took meanwhile: a clear answer, nothing changes, no session ends, no error', async () => {
    const user = await createUser('owner@example.com');
    const { session } = await sessionStore.createSession(user.id, { mfaVerified: false, context });
    const token = await linkFor(signedIn(user), 'new@example.com');
    await createUser('new@example.com'); // say, a sign-up in between
    expect(await confirm(token)).toEqual({ status: 'taken' });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe('owner@example.com');
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).toBeNull();
    expect(await db.auditEvent.count({ where: { type: 'email.changed' } })).toBe(0);
  });

  it('expires after 60 minutes', async () => {
    const user = await createUser('owner@example.com');
    const token = await linkFor(signedIn(user), 'new@example.com');
    const later = new Date(Date.now() + change.EMAIL_CHANGE_TTL_MS + 1_000);
    expect(await change.inspectEmailChangeLink(token, later)).toEqual({ status: 'invalid' });
    expect(await confirm(token, later)).toEqual({ status: 'invalid-link' });
  });
});
