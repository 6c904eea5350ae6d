// SESSION_SECRETS rotation end to end, with the seeded MFA user bob on a real
// database: a new newest key is added, bob's next code still works and moves
// his secrets under it; `npm run secrets:reencrypt` moves everyone else's; then
// the old key is removed and every TOTP code and recovery code still works.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { secondFactorStore } from '@/lib/dal/mfa';
import { testSecret } from '@/test/secrets';
import { verifyPassword } from '../auth/password';
import { generateRecoveryCodes, sealRecoveryCode, verifySecondFactor, createTotpSecret, currentTotpCode } from '../auth/mfa';
import { seedDatabase } from '../../prisma/seed';
import { BOB_RECOVERY_CODES, BOB_TOTP_SECRET, DEMO_PASSWORD } from '../../prisma/seed/demo-users';
import { localBin, projectRoot } from '../../scripts/lib/process';
import { encryptField } from './field-encryption';

const db = getTestDb();
const key1 = testSecret('rotation key 1');
const key2 = testSecret('rotation key 2');
const before = { '1': key1 };
const during = { '2': key2, '1': key1 };
const after = { '2': key2 };

let clock = Date.parse('2025-06-01T12:00:00Z');
/** A fresh 30-second step for every code, as time passes between sign-ins. */
const tick = () => new Date((clock += 30_000));

async function totpSignIn(userId: string, secret: string, keys: Record<string, string>) {
  const now = tick();
  return verifySecondFactor(secondFactorStore, keys, userId, await currentTotpCode(secret, now), { allowRecoveryCode: true, now });
}

const stored = async (email: string) => {
  const user = await db.user.findUniqueOrThrow({ where: { email }, include: { recoveryCodes: true } });
  return { id: user.id, totp: user.totpSecret!, codes: user.recoveryCodes.map((c) => c.codeHash), passwordHash: user.passwordHash };
};

/** `npm run secrets:reencrypt` against this worker's database. */
function reencrypt(sessionSecrets: string) {
  const result = spawnSync(localBin('tsx'), [path.join(projectRoot, 'scripts/reencrypt-secrets.ts')], {
    cwd: os.tmpdir(), // no .env there
    env: { NODE_ENV: 'test', PATH: process.env.PATH, DATABASE_URL: process.env.DATABASE_URL, SESSION_SECRETS: sessionSecrets },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

let carol: { id: string; secret: string; codes: string[] };

beforeAll(async () => {
  await resetTestDb();
  await seedDatabase(db, { keyMap: before, now: new Date(clock) });
  // A second MFA user who does not sign in during the rotation: only the script moves her.
  const secret = createTotpSecret();
  const codes = generateRecoveryCodes();
  const user = await db.user.create({
    data: { email: 'carol@example.com', name: 'Carol', passwordHash: 'x', totpSecret: encryptField(secret, before), totpEnabledAt: new Date(clock) },
  });
  await db.recoveryCode.createMany({ data: codes.map((code) => ({ userId: user.id, codeHash: sealRecoveryCode(user.id, code, before) })) });
  carol = { id: user.id, secret, codes };
}, 120_000);

describe('rotating SESSION_SECRETS with an MFA user', () => {
  it('bob signs in under the original key', async () => {
    const bob = await stored('bob@example.com');
    expect(await verifyPassword(bob.passwordHash, DEMO_PASSWORD)).toMatchObject({ ok: true });
    expect(bob.totp).toMatch(/^v1\.1\./);
    expect(await totpSignIn(bob.id, BOB_TOTP_SECRET, before)).toEqual({ ok: true, method: 'totp' });
  });

  it('a new newest key is added: bob’s code still works, and his secrets move under the new key', async () => {
    const bob = await stored('bob@example.com');
    expect(await totpSignIn(bob.id, BOB_TOTP_SECRET, during)).toEqual({ ok: true, method: 'totp' });
    const moved = await stored('bob@example.com');
    expect(moved.totp).toMatch(/^v1\.2\./);
    expect(moved.totp).not.toBe(bob.totp);
    expect(moved.codes.every((value) => value.startsWith('v1.2.'))).toBe(true);
    // Carol has not signed in: still under key 1.
    expect((await stored('carol@example.com')).totp).toMatch(/^v1\.1\./);
  });

  it('removing the old key before re-encrypting would strand carol — refused as an operator error, not her failure', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await totpSignIn(carol.id, carol.secret, after)).toEqual({ ok: false, reason: 'unavailable' });
    expect(errors).toHaveBeenCalledWith(expect.stringContaining(`TOTP secret of user ${carol.id} cannot be decrypted (unknown-key)`));
    errors.mockRestore();
    // And the script says so instead of pretending all is well.
    const run = reencrypt(`2:${key2}`);
    expect(run.status).toBe(1);
    expect(run.output).toContain(`cannot decrypt the totp-secret of user ${carol.id} (unknown-key)`);
    expect(run.output).toMatch(/put back the key/);
  });

  it('npm run secrets:reencrypt moves every remaining value, says when key 1 may go, and is idempotent', async () => {
    const first = reencrypt(`2:${key2},1:${key1}`);
    expect(first.status, first.output).toBe(0);
    expect(first.output).toMatch(/11 value\(s\) re-encrypted under key 2/); // carol: 1 TOTP secret + 10 recovery codes
    expect(first.output).toMatch(/key\(s\) 1 are no longer needed for stored data\. Remove them once SESSION_ABSOLUTE_TIMEOUT \(12 h\)/);
    const carolNow = await stored('carol@example.com');
    expect([carolNow.totp, ...carolNow.codes].every((value) => value.startsWith('v1.2.'))).toBe(true);

    const second = reencrypt(`2:${key2},1:${key1}`);
    expect(second.status).toBe(0);
    expect(second.output).toMatch(/ 0 value\(s\) re-encrypted/);
  });

  it('with the old key removed, every TOTP code and recovery code still works', async () => {
    const bob = await stored('bob@example.com');
    expect(await totpSignIn(bob.id, BOB_TOTP_SECRET, after)).toEqual({ ok: true, method: 'totp' });
    expect(await verifySecondFactor(secondFactorStore, after, bob.id, BOB_RECOVERY_CODES[0]!, { allowRecoveryCode: true })).toMatchObject({ ok: true, method: 'recovery-code' });
    expect(await totpSignIn(carol.id, carol.secret, after)).toEqual({ ok: true, method: 'totp' });
    expect(await verifySecondFactor(secondFactorStore, after, carol.id, carol.codes[9]!, { allowRecoveryCode: true })).toMatchObject({ ok: true, method: 'recovery-code' });
    // Nothing anywhere still names key 1.
    expect(await db.user.count({ where: { totpSecret: { startsWith: 'v1.1.' } } })).toBe(0);
    expect(await db.recoveryCode.count({ where: { codeHash: { not: { startsWith: 'v1.2.' } } } })).toBe(0);
  });
});
