// The proof a factor change needs (ADR 030), against a real database and real
// argon2: the password alone only for an account without a second factor;
// otherwise a code or a passkey assertion too — and one message for any failure.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import type { Session } from '../../session';
import { sessionKeys } from '../../env';
import { encryptField } from '../../crypto/field-encryption';
import { createTotpSecret } from '../mfa';
import { hashPassword } from '../password';
import { accountKeyOf } from '../throttle';
import { FACTOR_PASSWORD_FAILED, FACTOR_PROOF_FAILED, proveFactorChange } from './factor-change-proof';

const db = getTestDb();
const context = { ipAddress: '192.0.2.31', userAgent: 'vitest' };
const PASSWORD = 'a long and correct passphrase';
const EMAIL = 'factors@example.com';
let passwordHash: string;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});
beforeEach(resetTestDb);

async function account(factors: { totp?: boolean; passkey?: boolean }) {
  const user = await db.user.create({
    data: {
      email: EMAIL,
      name: 'Factors',
      passwordHash,
      ...(factors.totp ? { totpSecret: encryptField(createTotpSecret(), sessionKeys), totpEnabledAt: new Date() } : {}),
    },
  });
  if (factors.passkey) await db.passkey.create({ data: { id: 'credential-1', userId: user.id, publicKey: 'AAAA', deviceType: 'singleDevice', name: 'Laptop' } });
  const session = { id: 'session-of-factors-user', userId: user.id } as Session;
  return { session, user: { id: user.id, email: user.email } };
}
// Factor changes happen inside a session: they count on the account's in-session counter (ADR 031).
const failures = async () => (await db.loginThrottle.findUnique({ where: { key: accountKeyOf(EMAIL, 'in-session') } }))?.failures ?? 0;

describe('proveFactorChange', () => {
  it('an account without a second factor adds its first with the password — and only with the right one', async () => {
    const current = await account({});
    expect(await proveFactorChange(current, { password: 'not my password', code: '' }, 'mfa-enable', context)).toEqual({ status: 'invalid', message: FACTOR_PASSWORD_FAILED });
    expect(await proveFactorChange(current, { password: PASSWORD, code: '' }, 'mfa-enable', context)).toEqual({ status: 'proven', with: 'password' });
  });

  it('a TOTP account: the right password alone, or with a wrong code, proves nothing, and each try counts', async () => {
    const current = await account({ totp: true });
    expect(await proveFactorChange(current, { password: PASSWORD, code: '' }, 'mfa-enable', context)).toEqual({ status: 'invalid', message: FACTOR_PROOF_FAILED });
    expect(await proveFactorChange(current, { password: PASSWORD, code: '000000' }, 'mfa-enable', context)).toEqual({ status: 'invalid', message: FACTOR_PROOF_FAILED });
    // A wrong password says the same: nothing tells a thief which part was wrong.
    expect(await proveFactorChange(current, { password: 'not my password', code: '000000' }, 'mfa-disable', context)).toEqual({ status: 'invalid', message: FACTOR_PROOF_FAILED });
    expect(await failures()).toBe(3);
  });

  it('a passkey account: the password with no assertion, or a forged one, proves nothing', async () => {
    const current = await account({ passkey: true });
    expect(await proveFactorChange(current, { password: PASSWORD, code: '123456' }, 'mfa-enable', context)).toMatchObject({ status: 'invalid' });
    const forged = { id: 'credential-1', rawId: 'credential-1', type: 'public-key', response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA' }, clientExtensionResults: {} };
    expect(await proveFactorChange(current, { password: PASSWORD, code: '', passkeyAssertion: forged }, 'mfa-enable', context)).toEqual({ status: 'invalid', message: FACTOR_PROOF_FAILED });
    expect(await failures()).toBe(2);
  });
});
