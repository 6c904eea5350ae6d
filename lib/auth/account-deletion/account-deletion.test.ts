// The owner deletes her account, through the app's own modules on a real
// database, with the last mail caught by a real SMTP server. ADR 046.
import { describe, expect, it } from 'vitest';
import { getTestDb } from '@/test/db';
import { afterResponse, catchMail } from '@/test/mail';
import { signedInRequest, usersWithPassword, type StepUpOptions } from '@/test/accounts';
import { APP_NAME } from '@/lib/config/app-name';

const { mailsTo } = await catchMail();
const { deleteAccount, DELETE_CONFIRMATION_MISMATCH } = await import('./index');
const { deleteAccountData } = await import('../../dal/account-deletion');
const { sessionStore } = await import('../../session');
const { attemptPasswordSignIn } = await import('../sign-in');

const db = getTestDb();
const context = { ipAddress: '192.0.2.47', userAgent: 'vitest' };
const PASSWORD = 'the owner long passphrase';

const { schedule, settle } = afterResponse();

const users = usersWithPassword(PASSWORD);
const createUser = users.create;

/** A real session of `user`, and the request the DAL would hand the app for it. */
async function signIn(user: { id: string; email: string }, options: StepUpOptions = {}) {
  const { session, token } = await sessionStore.createSession(user.id, { mfaVerified: options.authLevel !== undefined && options.authLevel !== 'single-factor', authLevel: options.authLevel, context });
  return { current: signedInRequest(user, session, options), token };
}

const remove = (current: Awaited<ReturnType<typeof signIn>>['current'], confirmation = current.user.email) =>
  deleteAccount(current, { confirmation }, context, { schedule });

describe('deleting one’s account', () => {
  it('needs a fresh step-up with the strongest factor the user has, and the address typed: otherwise nothing changes', async () => {
    const password = await createUser('password@example.com');
    const totp = await createUser('totp@example.com', { totp: true });
    const passkey = await createUser('passkey@example.com', { totp: true, passkey: true });
    const refused = [
      (await signIn(password, { authenticatedAt: new Date(Date.now() - 60 * 60_000) })).current,
      (await signIn(totp, { totp: true, authLevel: 'single-factor' })).current,
      (await signIn(passkey, { totp: true, passkey: true, authLevel: 'multi-factor' })).current,
    ];
    for (const current of refused) expect(await remove(current)).toEqual({ status: 'step-up' });
    const fresh = (await signIn(password)).current;
    expect(await remove(fresh, 'someone-else@example.com')).toEqual({ status: 'invalid', message: DELETE_CONFIRMATION_MISMATCH });
    expect(await remove(fresh, '')).toEqual({ status: 'invalid', message: DELETE_CONFIRMATION_MISMATCH });
    expect(await db.user.count({ where: { deletedAt: { not: null } } })).toBe(0);
    expect(await db.session.count({ where: { revokedAt: { not: null } } })).toBe(0);
    // Stepped up with the strongest factor: deleted.
    expect((await remove((await signIn(passkey, { totp: true, passkey: true, authLevel: 'phishing-resistant' })).current)).status).toBe('deleted');
    expect((await remove((await signIn(totp, { totp: true, authLevel: 'multi-factor' })).current, ' TOTP@example.com ')).status).toBe('deleted');
  });

  it('ends every session at once, removes the profile, factors and data, keeps the audit log by user id, frees the address and mails it a last time', async () => {
    const user = await createUser('owner@example.com', { totp: true, passkey: true });
    const other = await createUser('other@example.com');
    // demo-bank:begin
    const account = await db.bankAccount.create({ data: { userId: user.id, name: 'Checking', kind: 'checking', iban: 'DE00000000000000000001', balanceMinor: 100 } });
    await db.transaction.create({ data: { accountId: account.id, amountMinor: 100, balanceAfterMinor: 100, description: 'Salary', category: 'Income', bookedAt: new Date() } });
    await db.payee.create({ data: { userId: user.id, name: 'Landlord', iban: 'DE00000000000000000002' } });
    // demo-bank:end
    await db.externalIdentity.create({ data: { userId: user.id, issuer: 'https://idp.example', subject: 'sub-1' } });
    await db.auditEvent.create({ data: { type: 'login.success', userId: user.id } });
    const phone = await signIn(user, { totp: true, passkey: true, authLevel: 'phishing-resistant' });
    const laptop = await signIn(user, { totp: true, passkey: true, authLevel: 'phishing-resistant' });
    const bystander = await signIn(other);

    expect(await remove(phone.current)).toEqual({ status: 'deleted', revokedSessions: 2 });
    await settle();

    for (const { token } of [phone, laptop]) expect(await sessionStore.validateSessionToken(token)).toMatchObject({ kind: 'revoked' });
    expect((await sessionStore.validateSessionToken(bystander.token)).kind).toBe('accept');
    const tombstone = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(tombstone).toMatchObject({ name: 'Deleted account', totpSecret: null, totpEnabledAt: null });
    expect(tombstone.email).not.toContain('owner');
    expect(tombstone.deletedAt).not.toBeNull();
    expect(tombstone.disabledAt).not.toBeNull();
    for (const count of [
      db.passkey.count({ where: { userId: user.id } }),
      db.recoveryCode.count({ where: { userId: user.id } }),
      db.externalIdentity.count({ where: { userId: user.id } }),
      // demo-bank:begin
      db.bankAccount.count({ where: { userId: user.id } }),
      db.transaction.count({ where: { accountId: account.id } }),
      db.payee.count({ where: { userId: user.id } }),
      // demo-bank:end
    ])
      expect(await count).toBe(0);
    // The audit log keeps the user id: the old events, and the deletion itself.
    expect(await db.auditEvent.count({ where: { userId: user.id, type: 'login.success' } })).toBe(1);
    expect(await db.auditEvent.count({ where: { userId: user.id, type: 'account.deleted' } })).toBe(1);
    // The old address and password sign in to nothing, exactly like a wrong password.
    expect(await attemptPasswordSignIn({ email: 'owner@example.com', password: PASSWORD, context })).toEqual({ status: 'invalid' });
    expect(await attemptPasswordSignIn({ email: tombstone.email, password: PASSWORD, context })).toEqual({ status: 'invalid' });
    // The address is free again.
    await expect(createUser('owner@example.com')).resolves.toMatchObject({ email: 'owner@example.com' });
    const [last] = mailsTo('owner@example.com');
    expect(last?.subject).toBe(`Your ${APP_NAME} account was deleted`);
  });

  it('two racing deletions: one deletes, the other changes nothing and errs not', async () => {
    const user = await createUser('owner@example.com');
    const a = await signIn(user);
    const b = await signIn(user);
    const results = await Promise.all([remove(a.current), remove(b.current)]);
    expect(results.map((r) => r.status).sort()).toEqual(['deleted', 'gone']);
    await settle();
    expect(await db.auditEvent.count({ where: { type: 'account.deleted' } })).toBe(1);
    expect(mailsTo('owner@example.com')).toHaveLength(1);
  });

  it('a request racing with the deletion — after its transaction, before the sessions are revoked — is signed out, not served', async () => {
    const user = await createUser('owner@example.com');
    const { token } = await signIn(user);
    expect(await deleteAccountData(user.id, users.passwordHash(), new Date())).toEqual({ email: 'owner@example.com' });
    expect(await sessionStore.validateSessionToken(token)).toMatchObject({ kind: 'revoked' });
    expect(await deleteAccountData(user.id, users.passwordHash(), new Date())).toBeNull();
  });
});
