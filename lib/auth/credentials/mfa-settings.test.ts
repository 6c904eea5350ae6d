// MFA changes as a throttle bypass: paths that stop before any session work
// (real database, real argon2; the cookie-setting success paths are in e2e/auth-mfa.spec.ts).
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import type { Session } from '../../session';
import { disableTotp, startTotpSetup, cancelTotpSetup, confirmTotpSetup } from './mfa-settings';
import { hashPassword } from '../password';
import { attemptPasswordSignIn } from '../sign-in';
import { accountKeyOf, type ClientTrust } from '../throttle';

const db = getTestDb();
const context = { ipAddress: '192.0.2.30', userAgent: 'vitest' };
const PASSWORD = 'a long and correct passphrase';
let passwordHash: string;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});
beforeEach(resetTestDb);

async function signedInUser() {
  const user = await db.user.create({ data: { email: 'mfa@example.com', name: 'MFA', passwordHash } });
  const session = { id: 'session-of-mfa-user-0001', userId: user.id } as Session; // only the failure paths run here
  return { user, current: { session, user: { id: user.id, email: user.email } } };
}
const failures = async (trust: ClientTrust = 'unfamiliar') => (await db.loginThrottle.findUnique({ where: { key: accountKeyOf('mfa@example.com', trust) } }))?.failures;

describe('MFA changes and the failure counter', () => {
  it('turning MFA off when it is already off does not reset earlier failures', async () => {
    const { current } = await signedInUser();
    for (let i = 0; i < 3; i++) await attemptPasswordSignIn({ email: 'mfa@example.com', password: 'wrong password!', context });
    expect(await failures()).toBe(3);
    expect(await disableTotp(current, { password: PASSWORD, code: '123456' }, context)).toEqual({ status: 'not-enabled' });
    expect(await failures()).toBe(3);
  });

  it('turning MFA off or on needs the current password, and a wrong one counts toward the lockout', async () => {
    const { user, current } = await signedInUser();
    expect(await disableTotp(current, { password: 'not my password', code: '123456' }, context)).toMatchObject({ status: 'invalid' });
    await startTotpSetup(user.id, context);
    expect(await confirmTotpSetup(current, { password: 'not my password', code: '123456' }, context)).toMatchObject({ status: 'invalid', field: 'password' });
    expect(await failures('in-session')).toBe(2); // attempts from inside a session count on its own counter (ADR 031)
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).toBeNull();
  });

  it('audits setup started and cancelled', async () => {
    const { user } = await signedInUser();
    await startTotpSetup(user.id, context);
    await cancelTotpSetup(user.id, context);
    await cancelTotpSetup(user.id, context); // nothing to cancel: no event
    const types = (await db.auditEvent.findMany({ where: { userId: user.id }, orderBy: { createdAt: 'asc' } })).map((e) => e.type);
    expect(types).toEqual(['mfa.setup_started', 'mfa.setup_cancelled']);
  });
});
