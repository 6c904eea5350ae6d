// Seeds this worker's test database (a fresh copy of the migrated template, see
// test/setup.ts; SQLite, or PostgreSQL when TEST_DATABASE_URL says so): the seed
// must be idempotent, deterministic, and produce consistent ledgers.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../lib/db/client.ts';
import { verifyPassword } from '../lib/auth/password/index.ts';
import { matchRecoveryCode } from '../lib/auth/mfa/index.ts';
import { decryptField } from '../lib/crypto/field-encryption.ts';
import { getTestDb, resetTestDb } from '../test/db.ts';
import { seedDatabase } from './seed.ts';
import { BOB_RECOVERY_CODES, BOB_TOTP_SECRET, DEMO_PASSWORD, DEMO_USERS } from './seed/demo-users.ts';
import { ACCOUNT_KINDS, buildLedger, HISTORY_DAYS } from './seed/ledger.ts';
import { isValidIban } from './seed/iban.ts';

const keyMap = { '1': 'older-secret-older-secret-older-secret!!', '2': 'newest-secret-newest-secret-newest-secret' };
const now = new Date('2025-03-14T15:09:26Z');
const DAY_MS = 86_400_000;

async function rowCounts(db: Db) {
  return {
    users: await db.user.count(),
    accounts: await db.bankAccount.count(),
    transactions: await db.transaction.count(),
    payees: await db.payee.count(),
    transfers: await db.transfer.count(),
    recoveryCodes: await db.recoveryCode.count(),
  };
}

/** Everything about a user's money except generated ids, in a stable order. */
async function moneySnapshot(db: Db, email: string) {
  const accounts = await db.bankAccount.findMany({
    where: { user: { email } },
    orderBy: { kind: 'asc' },
    include: { transactions: { orderBy: { bookedAt: 'asc' } } },
  });
  return accounts.map((account) => ({
    kind: account.kind,
    balanceMinor: account.balanceMinor,
    transactions: account.transactions.map((t) => [t.bookedAt.toISOString(), t.amountMinor, t.balanceAfterMinor, t.description, t.category]),
  }));
}

describe('seedDatabase', () => {
  const db = getTestDb();
  beforeAll(resetTestDb);

  it('creates both demo users, then adds nothing on a second run', async () => {
    const first = await seedDatabase(db, { keyMap, now });
    expect(first.map((r) => [r.email, r.status])).toEqual([
      ['alice@example.com', 'created'],
      ['bob@example.com', 'created'],
    ]);
    const counts = await rowCounts(db);
    expect(counts).toMatchObject({ users: 2, accounts: 6, payees: 8, recoveryCodes: 10 });
    expect(counts.transactions).toBeGreaterThan(400);
    const before = await moneySnapshot(db, 'alice@example.com');

    const second = await seedDatabase(db, { keyMap, now: new Date(now.getTime() + 7 * DAY_MS) });
    expect(second.map((r) => r.status)).toEqual(['exists', 'exists']);
    expect(await rowCounts(db)).toEqual(counts);
    expect(await moneySnapshot(db, 'alice@example.com')).toEqual(before);
  });

  it('leaves an existing user alone and recreates only a missing one', async () => {
    const alice = await db.user.findUniqueOrThrow({ where: { email: 'alice@example.com' }, include: { accounts: true } });
    await db.bankAccount.update({ where: { id: alice.accounts[0]!.id }, data: { name: 'Renamed by Alice' } });
    await db.user.delete({ where: { email: 'bob@example.com' } });

    const results = await seedDatabase(db, { keyMap, now });
    expect(results.map((r) => r.status)).toEqual(['exists', 'created']);
    expect(await db.bankAccount.count({ where: { name: 'Renamed by Alice' } })).toBe(1);
    expect(await db.user.count()).toBe(2);
  });

  it('gives every user three EUR accounts with unique, valid IBANs', async () => {
    const accounts = await db.bankAccount.findMany({ include: { user: true } });
    expect(new Set(accounts.map((a) => a.iban)).size).toBe(accounts.length);
    for (const account of accounts) {
      expect(isValidIban(account.iban), account.iban).toBe(true);
      expect(account.currency).toBe('EUR');
    }
    for (const email of ['alice@example.com', 'bob@example.com']) {
      const kinds = accounts.filter((a) => a.user.email === email).map((a) => a.kind).sort();
      expect(kinds).toEqual(['card', 'checking', 'savings']);
    }
  });

  it('keeps every ledger consistent: running balances, final balance, no overdraft, within the history window', async () => {
    const accounts = await db.bankAccount.findMany({ include: { transactions: { orderBy: { bookedAt: 'asc' } } } });
    for (const account of accounts) {
      let balance = 0;
      for (const t of account.transactions) {
        balance += t.amountMinor;
        expect(t.balanceAfterMinor).toBe(balance);
        expect(Number.isInteger(t.amountMinor)).toBe(true);
        if (account.kind !== 'card') expect(t.balanceAfterMinor).toBeGreaterThanOrEqual(0);
        expect(t.bookedAt.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(t.bookedAt.getTime()).toBeGreaterThanOrEqual(now.getTime() - (HISTORY_DAYS + 1) * DAY_MS);
        expect(t.category).not.toBe('');
      }
      expect(account.balanceMinor).toBe(balance);
    }
    // History runs right up to `now`.
    const latest = await db.transaction.findFirstOrThrow({ orderBy: { bookedAt: 'desc' } });
    expect(latest.bookedAt.getTime()).toBeGreaterThan(now.getTime() - 3 * DAY_MS);
  });

  it('links transfers to their transactions: own-account transfers balance out, payee transfers leave checking', async () => {
    const transfers = await db.transfer.findMany({ include: { transactions: true } });
    expect(transfers.length).toBeGreaterThan(20);
    for (const transfer of transfers) {
      expect(transfer.amountMinor).toBeGreaterThan(0);
      expect(Boolean(transfer.toAccountId) !== Boolean(transfer.payeeId)).toBe(true);
      const legs = transfer.transactions.map((t) => [t.accountId, t.amountMinor]);
      if (transfer.toAccountId) {
        expect(legs).toHaveLength(2);
        expect(legs).toContainEqual([transfer.fromAccountId, -transfer.amountMinor]);
        expect(legs).toContainEqual([transfer.toAccountId, transfer.amountMinor]);
      } else {
        expect(legs).toEqual([[transfer.fromAccountId, -transfer.amountMinor]]);
      }
    }
  });

  it('has a year-round pattern: monthly salary and rent, many categories, payees with IBANs', async () => {
    for (const email of ['alice@example.com', 'bob@example.com']) {
      const where = { account: { user: { email } } };
      const salaries = await db.transaction.count({ where: { ...where, category: 'Income' } });
      const rents = await db.transaction.count({ where: { ...where, category: 'Housing' } });
      expect(salaries).toBeGreaterThanOrEqual(5);
      expect(rents).toBeGreaterThanOrEqual(5);
      const categories = await db.transaction.groupBy({ by: ['category'], where });
      expect(categories.length).toBeGreaterThanOrEqual(10);
      const payees = await db.payee.findMany({ where: { user: { email } } });
      expect(payees).toHaveLength(4);
      for (const payee of payees) expect(isValidIban(payee.iban)).toBe(true);
    }
  });

  it('sets up credentials: the demo password for both, TOTP and recovery codes for Bob only', async () => {
    const alice = await db.user.findUniqueOrThrow({ where: { email: 'alice@example.com' }, include: { recoveryCodes: true } });
    const bob = await db.user.findUniqueOrThrow({ where: { email: 'bob@example.com' }, include: { recoveryCodes: true } });
    expect(alice.name).toBe('Alice Andersen');
    expect(bob.name).toBe('Bob Brennan');
    for (const user of [alice, bob]) {
      expect(await verifyPassword(user.passwordHash, DEMO_PASSWORD)).toEqual({ ok: true, needsRehash: false });
    }

    expect(alice.totpSecret).toBeNull();
    expect(alice.totpEnabledAt).toBeNull();
    expect(alice.recoveryCodes).toHaveLength(0);

    expect(bob.totpSecret).toMatch(/^v1\.2\./); // encrypted under the newest key
    expect(decryptField(bob.totpSecret!, keyMap)).toMatchObject({ ok: true, plaintext: BOB_TOTP_SECRET });
    expect(bob.totpEnabledAt).not.toBeNull();
    // Each published code matches a different stored one, sealed under the newest key.
    expect(bob.recoveryCodes).toHaveLength(BOB_RECOVERY_CODES.length);
    expect(bob.recoveryCodes.every((c) => c.codeHash.startsWith('v1.2.'))).toBe(true);
    const matched = BOB_RECOVERY_CODES.map((code) => matchRecoveryCode(bob.recoveryCodes, bob.id, code, keyMap));
    expect(new Set(matched.map((m) => (m.status === 'match' ? m.id : m.status)))).toEqual(new Set(bob.recoveryCodes.map((c) => c.id)));
    expect(bob.recoveryCodes.every((c) => c.usedAt === null)).toBe(true);
  });

  it('gives Alice and Bob different money', async () => {
    const alice = await moneySnapshot(db, 'alice@example.com');
    const bob = await moneySnapshot(db, 'bob@example.com');
    expect(alice.map((a) => a.balanceMinor)).not.toEqual(bob.map((a) => a.balanceMinor));
  });

  it('is deterministic: the same `now` gives the same ledgers again', async () => {
    const before = [await moneySnapshot(db, 'alice@example.com'), await moneySnapshot(db, 'bob@example.com')];
    await resetTestDb();
    await seedDatabase(db, { keyMap, now });
    const after = [await moneySnapshot(db, 'alice@example.com'), await moneySnapshot(db, 'bob@example.com')];
    expect(after).toEqual(before);
  });
});

describe('buildLedger', () => {
  // Month ends, a leap day, New Year: the calendar edge cases.
  const moments = ['2024-02-29T23:59:59Z', '2024-12-31T00:00:00Z', '2025-01-01T06:00:00Z', '2025-08-31T12:00:00Z', '2026-03-01T00:00:01Z'];

  it.each(moments)('keeps balances consistent and within limits for now = %s', (iso) => {
    const at = new Date(iso);
    for (const profile of DEMO_USERS) {
      const ledger = buildLedger(profile, at);
      const running = { checking: 0, savings: 0, card: 0 };
      const previous = { checking: 0, savings: 0, card: 0 };
      for (const t of ledger.transactions) {
        running[t.account] += t.amountMinor;
        expect(t.balanceAfterMinor).toBe(running[t.account]);
        // Strictly increasing per account, so ordering by bookedAt matches the running balance.
        expect(t.bookedAt.getTime()).toBeGreaterThan(previous[t.account]);
        expect(t.bookedAt.getTime()).toBeLessThanOrEqual(at.getTime());
        previous[t.account] = t.bookedAt.getTime();
      }
      for (const kind of ACCOUNT_KINDS) expect(ledger.transactions.some((t) => t.account === kind)).toBe(true);
      expect(running).toEqual(ledger.balances);
      expect(Math.min(...ledger.transactions.filter((t) => t.account !== 'card').map((t) => t.balanceAfterMinor))).toBeGreaterThanOrEqual(0);
      expect(ledger.balances.card).toBeGreaterThanOrEqual(-profile.cardLimitMinor);
      expect(ledger.transactions.length).toBeGreaterThan(200);
    }
  });

  it('depends only on the profile and `now`', () => {
    const profile = DEMO_USERS[0]!;
    expect(buildLedger(profile, now)).toEqual(buildLedger(profile, now));
  });
});
