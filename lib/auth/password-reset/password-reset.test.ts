// Password reset through the app's own modules, on a real database, mailing
// through a real SMTP server (the development catcher): what a requester, the
// mailbox's owner and an attacker can see and do. ADR 040.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { APP_NAME } from '@/lib/config/app-name';
import { afterResponse, catchMail } from '@/test/mail';
import { medianTimingRatio, timed } from '@/test/timing';

// The mailer reads SMTP_URL once, when the app's modules load: point it at the catcher first.
const { mailsTo } = await catchMail();
const reset = await import('./index');
const { sessionStore } = await import('../../session');
const { sessionKeys } = await import('../../env');
const { encryptField } = await import('../../crypto/field-encryption');
const { createTotpSecret, currentTotpCode, generateRecoveryCodes, sealRecoveryCode } = await import('../mfa');
const { hashPassword, verifyPassword } = await import('../password');

const db = getTestDb();
const context = { ipAddress: '192.0.2.40', userAgent: 'vitest' };
const origin = 'http://localhost:3000';
const NEW_PASSWORD = 'a brand new and long passphrase';
let passwordHash: string;

// Work the app runs after the response, collected so the test can await it.
const { schedule, settle } = afterResponse();

beforeAll(async () => {
  passwordHash = await hashPassword('the old long passphrase');
});
beforeEach(resetTestDb);

async function createUser(email: string, options: { totp?: boolean; passkey?: boolean } = {}) {
  const totpSecret = options.totp ? createTotpSecret() : undefined;
  const user = await db.user.create({
    data: { email, name: 'Reset', passwordHash, ...(totpSecret ? { totpSecret: encryptField(totpSecret, sessionKeys), totpEnabledAt: new Date() } : {}) },
  });
  const recoveryCodes = options.totp ? generateRecoveryCodes() : [];
  for (const code of recoveryCodes) await db.recoveryCode.create({ data: { userId: user.id, codeHash: sealRecoveryCode(user.id, code, sessionKeys) } });
  if (options.passkey) {
    await db.passkey.create({ data: { id: `pk-${user.id}`, userId: user.id, publicKey: 'x', deviceType: 'multiDevice', name: 'Phone' } });
  }
  return { ...user, totpSecret, recoveryCodes };
}

async function requestLink(email: string): Promise<string> {
  await reset.requestPasswordReset(email, context, { origin, schedule });
  await settle();
  const mail = mailsTo(email).find((m) => m.subject === `Reset your ${APP_NAME} password`);
  const token = /\/reset-password\?token=([\w.-]+)/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error(`no reset mail for ${email}`);
  return token;
}
const complete = (token: string, extra: { code?: string; newPassword?: string } = {}) =>
  reset.completePasswordReset(
    { token, newPassword: extra.newPassword ?? NEW_PASSWORD, confirmPassword: extra.newPassword ?? NEW_PASSWORD, code: extra.code ?? '' },
    context,
    { schedule },
  );

describe('asking for a reset link', () => {
  it('answers a known and an unknown email alike; only the account gets a mail, with a link on the configured origin', async () => {
    await createUser('known@example.com');
    const known = await reset.requestPasswordReset('Known@Example.com ', context, { origin, schedule });
    const unknown = await reset.requestPasswordReset('nobody@example.com', context, { origin, schedule });
    expect(unknown).toEqual(known);
    expect(known).toEqual({ status: 'requested' });
    await settle();
    expect(mailsTo('nobody@example.com')).toEqual([]);
    const [mail] = mailsTo('known@example.com');
    expect(mail?.text).toMatch(new RegExp(`^${origin}/reset-password\\?token=[\\w-]{22}\\.[\\w-]{43}$`, 'm'));
  });

  it('does the same database work on the response path for both (the rest runs after the response)', async () => {
    await createUser('known@example.com');
    const statementsOf = async (email: string) => {
      const before = await db.loginThrottle.findMany({ orderBy: { key: 'asc' } });
      let scheduled = 0;
      await reset.requestPasswordReset(email, { ...context, ipAddress: '198.51.100.7' }, { origin, schedule: () => void scheduled++ });
      const after = await db.loginThrottle.findMany({ orderBy: { key: 'asc' } });
      return { scheduled, throttleRowsAdded: after.length - before.length, tokens: await db.emailToken.count() };
    };
    const known = await statementsOf('known@example.com');
    const unknown = await statementsOf('nobody@example.com');
    expect(unknown).toEqual({ ...known, throttleRowsAdded: 0 }); // the address row exists after the first
    expect(known.tokens).toBe(0); // nothing account-specific before the response
  });

  it('takes no longer for a known email than for an unknown one: no mail or hashing on the response path (median pairwise ratio above 0.5, 40 pairs)', async () => {
    await createUser('known@example.com');
    // Like after(): the work starts once the answers are out — untimed (test/timing.ts).
    const queued: (() => Promise<void>)[] = [];
    const ratio = await medianTimingRatio({
      known: 'known@example.com',
      unknown: (i) => `nobody-${i}@example.com`,
      ask: (email) => timed(() => reset.requestPasswordReset(email, context, { origin, schedule: (work) => void queued.push(work) })),
      drain: async () => {
        for (const work of queued.splice(0)) await work();
        await new Promise((resolve) => setTimeout(resolve, 20));
      },
      pairs: 40,
    });
    // One-sided, as for sign-in: the leak to fear is account work on the response path (a known email slower).
    // Database work there is ruled out by the statement test above; this catches the rest (an SMTP round
    // trip or a hash is several times the ~1 ms answer). A tighter bound measured GC and the parallel
    // run's load (0.73 once in a full npm test with nothing on either path to cause it).
    expect(ratio).toBeGreaterThan(0.5);
  });

  it('stores only a hash of the secret; a new request supersedes the older link', async () => {
    await createUser('known@example.com');
    const first = await requestLink('known@example.com');
    const second = await requestLink('known@example.com');
    const rows = await db.emailToken.findMany();
    expect(JSON.stringify(rows)).not.toContain(first.split('.')[1]);
    expect(JSON.stringify(rows)).not.toContain(second.split('.')[1]);
    expect(rows.every((row) => row.purpose === 'password-reset')).toBe(true);
    expect(await reset.inspectResetLink(first)).toEqual({ status: 'invalid' });
    expect(await reset.inspectResetLink(second)).toEqual({ status: 'valid', needsCode: false });
  });

  it('mails one account at most 3 links per window, silently — and never locks the account', async () => {
    await createUser('known@example.com');
    for (let i = 0; i < 5; i++) {
      expect(await reset.requestPasswordReset('known@example.com', context, { origin, schedule })).toEqual({ status: 'requested' });
      await settle();
    }
    expect(mailsTo('known@example.com')).toHaveLength(3);
    expect(await db.loginThrottle.count({ where: { key: { startsWith: 'account:' } } })).toBe(0);
  });

  it('limits requests per address only, with the same answer for known and unknown emails', async () => {
    await createUser('known@example.com');
    const { loginThrottle } = await import('../sign-in');
    const from = { ...context, ipAddress: '203.0.113.9' };
    const ask = (email: string) => reset.requestPasswordReset(email, from, { origin, schedule: () => {} });
    for (let i = 0; i < loginThrottle.config.ipMaxAttempts; i++) expect(await ask(i % 2 ? 'known@example.com' : 'nobody@example.com')).toEqual({ status: 'requested' });
    expect(await ask('known@example.com')).toEqual({ status: 'limited' });
    expect(await ask('nobody@example.com')).toEqual({ status: 'limited' });
    expect(await reset.requestPasswordReset('known@example.com', context, { origin, schedule: () => {} })).toEqual({ status: 'requested' }); // another address
    expect(await db.loginThrottle.count({ where: { key: { startsWith: 'account:' } } })).toBe(0);
  });
});

describe('choosing a new password with the link', () => {
  it('replaces the password, revokes every session, audits it and tells the owner by mail', async () => {
    const user = await createUser('known@example.com');
    const sessions = [await sessionStore.createSession(user.id, { mfaVerified: false, context }), await sessionStore.createSession(user.id, { mfaVerified: false, context })];
    const token = await requestLink('known@example.com');
    expect(await complete(token)).toEqual({ status: 'reset', revokedSessions: 2 });
    await settle();
    for (const { session } of sessions) expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).not.toBeNull();
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect((await verifyPassword(stored.passwordHash, NEW_PASSWORD)).ok).toBe(true);
    expect(stored.passwordChangedAt.getTime()).toBeGreaterThan(user.passwordChangedAt.getTime());
    expect(await db.auditEvent.count({ where: { type: 'password.reset', userId: user.id } })).toBe(1);
    expect(mailsTo('known@example.com').map((m) => m.subject)).toContain(`Your ${APP_NAME} password was changed`);
  });

  it('works once: the used link, and a tampered or unknown one, are refused', async () => {
    await createUser('known@example.com');
    const token = await requestLink('known@example.com');
    const [id, secret] = token.split('.') as [string, string];
    const tampered = `${id}.${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    expect(await complete(tampered)).toEqual({ status: 'invalid-link' });
    expect(await complete('not-a-token')).toEqual({ status: 'invalid-link' });
    expect((await complete(token)).status).toBe('reset');
    expect(await complete(token, { newPassword: 'yet another long passphrase' })).toEqual({ status: 'invalid-link' });
  });

  it('is bound to its purpose and to the address it was mailed to', async () => {
    await createUser('known@example.com');
    const token = await requestLink('known@example.com');
    const [id] = token.split('.') as [string];
    // The same token under another purpose (a link mailed for something else) does not reset a password.
    await db.emailToken.update({ where: { id }, data: { purpose: 'verify-email' } });
    expect(await reset.inspectResetLink(token)).toEqual({ status: 'invalid' });
    expect(await complete(token)).toEqual({ status: 'invalid-link' });
    // A link mailed to the account's old address stops working once the address changes.
    const fresh = await requestLink('known@example.com');
    await db.user.update({ where: { email: 'known@example.com' }, data: { email: 'moved@example.com' } });
    expect(await complete(fresh)).toEqual({ status: 'invalid-link' });
  });

  it('of two requests racing with one link, exactly one resets', async () => {
    await createUser('known@example.com');
    const token = await requestLink('known@example.com');
    const results = await Promise.all([complete(token), complete(token, { newPassword: 'the racing other passphrase' })]);
    expect(results.map((r) => r.status).sort()).toEqual(['invalid-link', 'reset']);
  });

  it('expires after 30 minutes', async () => {
    await createUser('known@example.com');
    const token = await requestLink('known@example.com');
    const later = new Date(Date.now() + reset.RESET_LINK_TTL_MS + 1_000);
    expect(await reset.inspectResetLink(token, later)).toEqual({ status: 'invalid' });
    expect(await reset.completePasswordReset({ token, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, code: '' }, context, { schedule, now: later })).toEqual({
      status: 'invalid-link',
    });
  });

  it('applies the password policy and does not spend the link on a refused password', async () => {
    await createUser('known@example.com');
    const token = await requestLink('known@example.com');
    expect(await complete(token, { newPassword: 'short' })).toMatchObject({ status: 'invalid', field: 'newPassword' });
    expect((await complete(token)).status).toBe('reset');
  });

  it('never bypasses TOTP: without a code, or with a wrong one (counted), nothing changes; the right code or a recovery code completes it', async () => {
    const user = await createUser('totp@example.com', { totp: true });
    const session = await sessionStore.createSession(user.id, { mfaVerified: true, context });
    let token = await requestLink('totp@example.com');
    expect(await reset.inspectResetLink(token)).toEqual({ status: 'valid', needsCode: true });
    expect(await complete(token)).toMatchObject({ status: 'invalid', field: 'code' });
    expect(await complete(token, { code: '000000' })).toMatchObject({ status: 'invalid', field: 'code' });
    expect(await db.auditEvent.count({ where: { type: 'mfa.failure', userId: user.id } })).toBe(1);
    expect((await db.session.findUniqueOrThrow({ where: { id: session.session.id } })).revokedAt).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(passwordHash);

    expect(await complete(token, { code: await currentTotpCode(user.totpSecret!) })).toEqual({ status: 'reset', revokedSessions: 1 });

    token = await requestLink('totp@example.com');
    expect(await complete(token, { code: user.recoveryCodes[0]!, newPassword: 'a third long passphrase' })).toEqual({ status: 'reset', revokedSessions: 0 });
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(1);
  });

  it('sends a passkey-only account to sign in with its passkey instead', async () => {
    await createUser('passkey@example.com', { passkey: true });
    const token = await requestLink('passkey@example.com');
    expect(await reset.inspectResetLink(token)).toEqual({ status: 'passkey-only' });
    expect(await complete(token)).toEqual({ status: 'passkey-only' });
  });
});
