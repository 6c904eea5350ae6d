// Throwaway users on whichever database the e2e app runs on (SQLite, or
// PostgreSQL with E2E_DATABASE_URL): for specs in the PostgreSQL subset that
// .ci/run drives, where auth-helpers' SQLite-only createThrowawayUser cannot go.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { generateRecoveryCodes, sealRecoveryCode } from '../../lib/auth/mfa/index.ts';
import { hashPassword } from '../../lib/auth/password/index.ts';
import { parseSessionSecrets } from '../../lib/config/secrets.ts';
import { encryptField } from '../../lib/crypto/field-encryption.ts';
import { openE2eDatabase } from './database.ts';
import { e2eSessionSecrets } from './environment.ts';

export type E2eUser = { id: string; email: string; password: string; totpSecret?: string; recoveryCodes?: string[] };

const randomId = (prefix: string) => `${prefix}${randomBytes(10).toString('hex')}`;
const base32 = (length: number) => [...randomBytes(length)].map((byte) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[byte % 32]).join('');

/** Runs statements (written with ? placeholders) on the e2e database, whichever it is. */
async function run(statements: { sql: string; params: unknown[] }[]): Promise<void> {
  const url = process.env.E2E_DATABASE_URL;
  if (url?.startsWith('postgres')) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const { sql, params } of statements) {
        let n = 0;
        await client.query(sql.replace(/\?/g, () => `$${++n}`), params);
      }
    } finally {
      await client.end();
    }
    return;
  }
  const db = openE2eDatabase();
  try {
    // SQLite DateTime the way Prisma's adapter stores it.
    const value = (param: unknown) => (param instanceof Date ? param.toISOString().replace('Z', '+00:00') : param);
    for (const { sql, params } of statements) db.prepare(sql).run(...params.map(value));
  } finally {
    db.close();
  }
}

/**
 * `unverified`: the address not proven yet, as after a sign-up (ADR 045).
 * `accounts`: two funded EUR accounts, for the bank's specs.
 */
export async function createE2eUser(label: string, options: { totp?: boolean; password?: string; unverified?: boolean; accounts?: boolean } = {}): Promise<E2eUser> {
  const keys = parseSessionSecrets(e2eSessionSecrets);
  if (typeof keys === 'string') throw new Error(keys);
  const now = new Date();
  const user: E2eUser = { id: randomId('e2e'), email: `${label}-${randomBytes(5).toString('hex')}@e2e.example.com`, password: options.password ?? 'a throwaway passphrase for e2e' };
  if (options.totp) {
    user.totpSecret = base32(32);
    user.recoveryCodes = generateRecoveryCodes();
  }
  await run([
    {
      sql: 'INSERT INTO "User" (id, email, name, "passwordHash", "passwordChangedAt", "totpSecret", "totpEnabledAt", "emailVerifiedAt", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      params: [user.id, user.email, `E2E ${label}`, await hashPassword(user.password), now, user.totpSecret ? encryptField(user.totpSecret, keys) : null, user.totpSecret ? now : null, options.unverified ? null : now, now, now],
    },
    // demo-bank:begin
    ...(options.accounts
      ? [
          ['E2E Checking', 'checking', 5_000_00],
          ['E2E Savings', 'savings', 20_000_00],
        ].map(([name, kind, balance]) => ({
          sql: 'INSERT INTO "BankAccount" (id, "userId", name, kind, currency, iban, "balanceMinor", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          params: [randomId('ba'), user.id, name, kind, 'EUR', `DE00999${String(randomBytes(6).readUIntBE(0, 6)).padStart(15, '0').slice(0, 15)}`, balance, now],
        }))
      : []),
    // demo-bank:end
    ...(user.recoveryCodes ?? []).map((code) => ({
      sql: 'INSERT INTO "RecoveryCode" (id, "userId", "codeHash", "createdAt") VALUES (?, ?, ?, ?)',
      params: [randomId('rc'), user.id, sealRecoveryCode(user.id, code, keys), now],
    })),
  ]);
  return user;
}

/** Forgets which security notices a user was mailed (ADR 047), so the next event mails again whatever the window says. */
export async function forgetSecurityNotices(userId: string): Promise<void> {
  await run([{ sql: 'DELETE FROM "SecurityNotice" WHERE "userId" = ?', params: [userId] }]);
}
