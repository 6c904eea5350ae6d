// Sign-up, email verification and invitations through the app's own modules,
// on a real database, mailing through a real SMTP server (the development
// catcher): what a requester, a mailbox's owner, an inviter and an attacker
// can see and do. ADR 045.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { medianTimingRatio, timed } from '@/test/timing';
import { startMailCatcher, type CaughtMail } from '@/scripts/lib/mail-catcher';
import { APP_NAME } from '@/lib/config/app-name';

// The mailer reads SMTP_URL once, when the app's modules load: point it at the catcher first.
const catcher = await startMailCatcher();
process.env.SMTP_URL = catcher.smtpUrl;
const signUp = await import('./index');
const { sessionStore } = await import('../../session');
const { verifyPassword } = await import('../password');
const reset = await import('../password-reset');

afterAll(() => catcher.close());

const db = getTestDb();
const context = { ipAddress: '192.0.2.45', userAgent: 'vitest' };
const origin = 'http://localhost:3000';
const PASSWORD = 'a long and new sign-up passphrase';

let pending: Promise<void>[] = [];
const schedule = (work: () => Promise<void>) => void pending.push(work());
const settle = async () => {
  await Promise.all(pending);
  pending = [];
};
const open = { mode: 'open' as const, origin, schedule };

let earlier = new Set<string>();
beforeEach(async () => {
  await resetTestDb();
  earlier = new Set(catcher.messages().map((mail) => mail.id));
});

const mailsTo = (email: string): CaughtMail[] => catcher.messages().filter((mail) => !earlier.has(mail.id) && mail.to.includes(email));
const tokenIn = (mail: CaughtMail | undefined, path: string) => {
  const token = new RegExp(`${path}\\?token=([\\w.-]+)`).exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error(`no ${path} link in ${mail?.subject}`);
  return token;
};
const form = (email: string, overrides: Partial<{ name: string; password: string; confirmPassword: string }> = {}) => ({
  name: 'New Person',
  email,
  password: PASSWORD,
  confirmPassword: PASSWORD,
  ...overrides,
});
const existingUser = (email: string, verified = true) =>
  db.user.create({ data: { email, name: 'Owner', passwordHash: 'x', emailVerifiedAt: verified ? new Date() : null } });

async function signUpAndReadLink(email: string): Promise<string> {
  expect(await signUp.requestSignUp(form(email), context, open)).toEqual({ status: 'requested' });
  await settle();
  return tokenIn(mailsTo(email).find((m) => m.subject === `Verify your email for ${APP_NAME}`), '/verify-email');
}

describe('signing up', () => {
  it('answers a new and a known email alike; the new one gets an unverified account and a verification link, the known one its owner a notice', async () => {
    const owner = await existingUser('known@example.com');
    const known = await signUp.requestSignUp(form('Known@Example.com '), context, open);
    const unknown = await signUp.requestSignUp(form('new@example.com'), context, open);
    expect(unknown).toEqual(known);
    expect(known).toEqual({ status: 'requested' });
    await settle();

    const created = await db.user.findUniqueOrThrow({ where: { email: 'new@example.com' } });
    expect(created).toMatchObject({ name: 'New Person', emailVerifiedAt: null });
    expect((await verifyPassword(created.passwordHash, PASSWORD)).ok).toBe(true);
    const [verify] = mailsTo('new@example.com');
    expect(verify?.subject).toBe(`Verify your email for ${APP_NAME}`);
    expect(verify?.text).toMatch(new RegExp(`^${origin}/verify-email\\?token=[\\w-]{22}\\.[\\w-]{43}$`, 'm'));

    // The known address: no second account, its password untouched, and its owner told.
    expect(await db.user.count({ where: { email: 'known@example.com' } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: owner.id } })).passwordHash).toBe('x');
    expect(mailsTo('known@example.com').map((m) => m.subject)).toEqual(['Someone tried to sign up with your email']);
    expect(mailsTo('known@example.com')[0]?.text).toContain(`${origin}/forgot-password`);
    expect(await db.auditEvent.count({ where: { type: 'signup.existing_address', userId: owner.id } })).toBe(1);
  });

  it('does nothing account-specific before the response: the same throttle footprint, no account, token or lookup result yet', async () => {
    await existingUser('known@example.com');
    const responsePath = async (email: string) => {
      const before = await db.loginThrottle.findMany({ orderBy: { key: 'asc' } });
      let scheduled = 0;
      const result = await signUp.requestSignUp(form(email), { ...context, ipAddress: '198.51.100.8' }, { ...open, schedule: () => void scheduled++ });
      const after = await db.loginThrottle.findMany({ orderBy: { key: 'asc' } });
      return { result, scheduled, throttleRowsAdded: after.length - before.length, users: await db.user.count(), tokens: await db.emailToken.count() };
    };
    const known = await responsePath('known@example.com');
    const unknown = await responsePath('new@example.com');
    expect(unknown).toEqual({ ...known, throttleRowsAdded: 0 }); // the address row exists after the first
    expect(known).toMatchObject({ users: 1, tokens: 0 }); // the new account is made after the response
  });

  it('takes as long for a known email as for a new one: no hashing, account or mail on the response path (median pairwise ratio within 0.5–2, 30 pairs)', async () => {
    await existingUser('known@example.com');
    const queued: (() => Promise<void>)[] = [];
    const ratio = await medianTimingRatio({
      known: 'known@example.com',
      unknown: (i) => `new-${i}@example.com`,
      ask: (email) => timed(() => signUp.requestSignUp(form(email), context, { ...open, schedule: (work) => void queued.push(work) })),
      drain: async () => {
        for (const work of queued.splice(0)) await work();
      },
      pairs: 30,
    });
    // Two-sided here: on the response path a new address would cost a hash and an insert, a known one a notice.
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('checks the form the same way for every email: the password rules, the name, the address', async () => {
    await existingUser('known@example.com');
    for (const email of ['known@example.com', 'new@example.com']) {
      expect(await signUp.requestSignUp(form(email, { password: 'short', confirmPassword: 'short' }), context, open)).toMatchObject({ status: 'invalid', field: 'password' });
      expect(await signUp.requestSignUp(form(email, { password: email, confirmPassword: email }), context, open)).toMatchObject({ status: 'invalid', field: 'password' });
      expect(await signUp.requestSignUp(form(email, { confirmPassword: 'something else entirely' }), context, open)).toMatchObject({ status: 'invalid', field: 'confirmPassword' });
      expect(await signUp.requestSignUp(form(email, { name: ' ' }), context, open)).toMatchObject({ status: 'invalid', field: 'name' });
      expect(await signUp.requestSignUp(form(email, { name: 'a\nBcc: x' }), context, open)).toMatchObject({ status: 'invalid', field: 'name' });
    }
    expect(await signUp.requestSignUp(form('not-an-email'), context, open)).toMatchObject({ status: 'invalid', field: 'email' });
    await settle();
    expect(await db.user.count()).toBe(1);
  });

  it('is closed unless SIGN_UP=open: nothing is created or mailed', async () => {
    for (const mode of ['invite-only', 'off'] as const) {
      expect(await signUp.requestSignUp(form('new@example.com'), context, { ...open, mode })).toEqual({ status: 'closed' });
    }
    await settle();
    expect(await db.user.count()).toBe(0);
    expect(mailsTo('new@example.com')).toEqual([]);
  });

  it('takes the per-address slot "Forgot password?" takes: one budget for both, the same answer for known and new emails', async () => {
    await existingUser('known@example.com');
    const { loginThrottle } = await import('../sign-in');
    const from = { ...context, ipAddress: '203.0.113.19' };
    for (let i = 0; i < loginThrottle.config.ipMaxAttempts - 1; i++) {
      expect(await signUp.requestSignUp(form(i % 2 ? 'known@example.com' : `new-${i}@example.com`), from, { ...open, schedule: () => {} })).toEqual({ status: 'requested' });
    }
    expect(await reset.requestPasswordReset('known@example.com', from, { origin, schedule: () => {} })).toEqual({ status: 'requested' });
    expect(await signUp.requestSignUp(form('known@example.com'), from, { ...open, schedule: () => {} })).toEqual({ status: 'limited' });
    expect(await signUp.requestSignUp(form('another@example.com'), from, { ...open, schedule: () => {} })).toEqual({ status: 'limited' });
    expect(await db.loginThrottle.count({ where: { key: { startsWith: 'account:' } } })).toBe(0);
  });

  it('tells an owner at most 3 times an hour that someone tried their address (mail bombing)', async () => {
    await existingUser('known@example.com');
    for (let i = 0; i < 5; i++) {
      await signUp.requestSignUp(form('known@example.com'), { ...context, ipAddress: `192.0.2.${100 + i}` }, open);
      await settle();
    }
    expect(mailsTo('known@example.com')).toHaveLength(3);
  });

  it('makes one account when two sign-ups for a new address race; the loser is told like an owner', async () => {
    await Promise.all([signUp.requestSignUp(form('race@example.com'), context, open), signUp.requestSignUp(form('race@example.com', { name: 'Other' }), context, open)]);
    await settle();
    expect(await db.user.count({ where: { email: 'race@example.com' } })).toBe(1);
    expect(mailsTo('race@example.com').map((m) => m.subject).sort()).toEqual(['Someone tried to sign up with your email', `Verify your email for ${APP_NAME}`]);
  });
});

describe('verifying the address', () => {
  it('marks it verified for the account’s own session, spends the link, audits it; the link works once', async () => {
    const token = await signUpAndReadLink('new@example.com');
    const { id } = await db.user.findUniqueOrThrow({ where: { email: 'new@example.com' } });
    expect(await signUp.inspectVerificationLink(token, undefined)).toBe('sign-in');
    expect(await signUp.inspectVerificationLink(token, id)).toBe('valid');
    expect(await signUp.verifyEmail(token, id, context)).toEqual({ status: 'verified' });
    const user = await db.user.findUniqueOrThrow({ where: { id } });
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { type: 'email.verified', userId: id } })).toBe(1);
    expect(await signUp.verifyEmail(token, id, context)).toEqual({ status: 'invalid-link' });
    expect(await signUp.inspectVerificationLink(token, id)).toBe('invalid');
  });

  it('verifies nothing for a mailbox owner who did not sign up: a stranger’s sign-up with their address stays unverified', async () => {
    // A stranger signs up with the victim's address; the victim, signed in to an account of their own, opens the link.
    const token = await signUpAndReadLink('victim@example.com');
    const victim = await existingUser('victim-own@example.com');
    expect(await signUp.inspectVerificationLink(token, victim.id)).toBe('other-account');
    expect(await signUp.verifyEmail(token, victim.id, context)).toEqual({ status: 'other-account' });
    const squatted = await db.user.findUniqueOrThrow({ where: { email: 'victim@example.com' } });
    expect(squatted.emailVerifiedAt).toBeNull();
    expect(await signUp.inspectVerificationLink(token, squatted.id)).toBe('valid'); // not spent
  });

  it('refuses a tampered, expired or malformed link, and one of another purpose either way', async () => {
    const token = await signUpAndReadLink('new@example.com');
    const { id: userId } = await db.user.findUniqueOrThrow({ where: { email: 'new@example.com' } });
    const [id, secret] = token.split('.') as [string, string];
    expect(await signUp.verifyEmail(`${id}.${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`, userId, context)).toEqual({ status: 'invalid-link' });
    expect(await signUp.verifyEmail('not-a-token', userId, context)).toEqual({ status: 'invalid-link' });
    expect(await signUp.verifyEmail(undefined, userId, context)).toEqual({ status: 'invalid-link' });
    expect(await signUp.verifyEmail(token, userId, context, new Date(Date.now() + 24 * 3_600_000 + 1_000))).toEqual({ status: 'invalid-link' });
    // A verification link is no reset link and no invitation ...
    expect(await reset.inspectResetLink(token)).toEqual({ status: 'invalid' });
    expect(await signUp.inspectInvitation(token)).toEqual({ status: 'invalid' });
    // ... and a reset link verifies nothing.
    await reset.requestPasswordReset('new@example.com', context, { origin, schedule });
    await settle();
    const resetToken = tokenIn(mailsTo('new@example.com').find((m) => m.subject === `Reset your ${APP_NAME} password`), '/reset-password');
    expect(await signUp.verifyEmail(resetToken, userId, context)).toEqual({ status: 'invalid-link' });
    expect((await db.user.findUniqueOrThrow({ where: { email: 'new@example.com' } })).emailVerifiedAt).toBeNull();
    expect(await signUp.verifyEmail(token, userId, context)).toEqual({ status: 'verified' }); // still good after all that
  });

  it('resends for the signed-in owner, at most 3 links per 15 minutes; the newest supersedes the older', async () => {
    const first = await signUpAndReadLink('new@example.com');
    const user = await db.user.findUniqueOrThrow({ where: { email: 'new@example.com' }, select: { id: true, email: true } });
    for (const expected of ['sent', 'sent', 'limited']) {
      expect(await signUp.resendVerification(user, context, { origin, schedule })).toEqual({ status: expected });
      await settle(); // one mail at a time, so the catcher's newest is the newest link
    }
    const mails = mailsTo('new@example.com').filter((m) => m.subject === `Verify your email for ${APP_NAME}`);
    expect(mails).toHaveLength(3);
    expect(await signUp.verifyEmail(first, user.id, context)).toEqual({ status: 'invalid-link' });
    expect(await signUp.verifyEmail(tokenIn(mails[0], '/verify-email'), user.id, context)).toEqual({ status: 'verified' }); // newest first
    expect(await signUp.resendVerification(user, context, { origin, schedule })).toEqual({ status: 'already-verified' });
  });
});

describe('invitations', () => {
  const inviteOpts = { mode: 'invite-only' as const, origin, schedule };
  const inviter = async () => (await existingUser('inviter@example.com')).id;

  it('answers the inviter alike for a new, an unverified and a verified address; only the first two get a link', async () => {
    const userId = await inviter();
    await existingUser('member@example.com');
    await existingUser('pending@example.com', false);
    const answers = [];
    for (const email of ['fresh@example.com', 'pending@example.com', 'member@example.com']) {
      answers.push(await signUp.inviteAddress(email, { userId }, { ...context, ipAddress: '192.0.2.60' }, inviteOpts));
    }
    await settle();
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify({ status: 'sent' })]));
    expect(mailsTo('fresh@example.com').map((m) => m.subject)).toEqual([`You are invited to ${APP_NAME}`]);
    expect(mailsTo('pending@example.com').map((m) => m.subject)).toEqual([`You are invited to ${APP_NAME}`]);
    expect(mailsTo('member@example.com')).toEqual([]);
    // The inviter's own log says the same for all three.
    const events = await db.auditEvent.findMany({ where: { userId, type: 'invitation.sent' }, select: { detail: true } });
    expect(events.map((e) => e.detail)).toEqual([JSON.stringify({ invitedBy: 'user' }), JSON.stringify({ invitedBy: 'user' }), JSON.stringify({ invitedBy: 'user' })]);
    // The invited row signs in to nothing until accepted.
    const invited = await db.user.findUniqueOrThrow({ where: { email: 'fresh@example.com' } });
    expect(invited.emailVerifiedAt).toBeNull();
    expect((await verifyPassword(invited.passwordHash, '')).ok).toBe(false);
  });

  it('accepting sets name and password, verifies the address, spends the link — and ends the sessions and factors a stranger had on a sign-up with that address', async () => {
    // A stranger signed up with someone else's address and is signed in (pre-hijacking).
    await signUp.requestSignUp(form('victim@example.com', { name: 'Stranger' }), context, open);
    await settle();
    const squatted = await db.user.findUniqueOrThrow({ where: { email: 'victim@example.com' } });
    const { session } = await sessionStore.createSession(squatted.id, { mfaVerified: true, context });
    // ... and set up factors of their own, to keep a way in after the owner takes the account back.
    await db.user.update({ where: { id: squatted.id }, data: { totpSecret: 'stranger-secret', totpEnabledAt: new Date() } });
    await db.recoveryCode.create({ data: { userId: squatted.id, codeHash: 'stranger-code' } });
    await db.passkey.create({ data: { id: 'stranger-passkey', userId: squatted.id, publicKey: 'x', deviceType: 'multiDevice', name: 'Stranger' } });

    await signUp.inviteAddress('victim@example.com', { userId: await inviter() }, context, inviteOpts);
    await settle();
    const token = tokenIn(mailsTo('victim@example.com').find((m) => m.subject === `You are invited to ${APP_NAME}`), '/accept-invitation');
    expect(await signUp.inspectInvitation(token)).toEqual({ status: 'valid', email: 'victim@example.com' });
    const accept = (extra: Partial<{ name: string; password: string; confirmPassword: string }> = {}) =>
      signUp.acceptInvitation({ token, name: 'Victim', password: PASSWORD, confirmPassword: PASSWORD, ...extra }, context);
    expect(await accept({ password: 'victim@example.com', confirmPassword: 'victim@example.com' })).toMatchObject({ status: 'invalid', field: 'password' });
    expect(await accept({ name: '' })).toMatchObject({ status: 'invalid', field: 'name' });
    expect(await accept()).toEqual({ status: 'accepted' });

    const user = await db.user.findUniqueOrThrow({ where: { id: squatted.id } });
    expect(user.name).toBe('Victim');
    expect(user.emailVerifiedAt).not.toBeNull();
    expect((await verifyPassword(user.passwordHash, PASSWORD)).ok).toBe(true);
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).not.toBeNull();
    expect(user).toMatchObject({ totpSecret: null, totpEnabledAt: null });
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.passkey.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { type: 'invitation.accepted', userId: user.id } })).toBe(1);
    expect(await accept({ password: 'another long passphrase', confirmPassword: 'another long passphrase' })).toEqual({ status: 'invalid-link' });
  });

  it('expires, and is accepted only as an invitation', async () => {
    await signUp.inviteAddress('fresh@example.com', { userId: await inviter() }, context, inviteOpts);
    await settle();
    const token = tokenIn(mailsTo('fresh@example.com')[0], '/accept-invitation');
    expect(await signUp.inspectInvitation(token, new Date(Date.now() + 24 * 3_600_000 + 1_000))).toEqual({ status: 'invalid' });
    const invited = await db.user.findUniqueOrThrow({ where: { email: 'fresh@example.com' } });
    expect(await signUp.verifyEmail(token, invited.id, context)).toEqual({ status: 'invalid-link' });
    expect(await reset.inspectResetLink(token)).toEqual({ status: 'invalid' });
    expect(await signUp.inspectInvitation(token)).toEqual({ status: 'valid', email: 'fresh@example.com' });
  });

  it('is off with SIGN_UP=off, and limited to 10 per inviter per hour', async () => {
    const userId = await inviter();
    expect(await signUp.inviteAddress('fresh@example.com', { userId }, context, { ...inviteOpts, mode: 'off' })).toEqual({ status: 'off' });
    expect(await signUp.inviteAddress('not an email', { userId }, context, inviteOpts)).toMatchObject({ status: 'invalid' });
    for (let i = 0; i < 10; i++) {
      expect(await signUp.inviteAddress(`guest-${i}@example.com`, { userId }, { ...context, ipAddress: `198.51.100.${i + 1}` }, inviteOpts)).toEqual({ status: 'sent' });
      await settle();
    }
    expect(await signUp.inviteAddress('guest-10@example.com', { userId }, { ...context, ipAddress: '198.51.100.99' }, inviteOpts)).toEqual({ status: 'limited' });
    await settle();
    expect(await db.user.count({ where: { email: 'guest-10@example.com' } })).toBe(0);
  });

  it('tells the operator what happened (users:create reports it)', async () => {
    await existingUser('member@example.com');
    const now = new Date();
    expect(await signUp.mailInvitation('First@Example.com', { operator: true }, context, { origin, now })).toBe('mailed');
    expect(await signUp.mailInvitation('member@example.com', { operator: true }, context, { origin, now })).toBe('has-account');
    expect(await db.auditEvent.count({ where: { type: 'invitation.sent', userId: null } })).toBe(2);
    expect(mailsTo('first@example.com')).toHaveLength(1);
  });
});
