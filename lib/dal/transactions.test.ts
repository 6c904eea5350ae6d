// The account page's query, on a real database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { beforeAll, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { parseTransactionFilters } from '@/lib/banking/transaction-filters';
import { fetchAccountTransactions } from './transactions';

const db = getTestDb();
let aliceId: string;
let accountId: string;
let bobAccountId: string;

const filters = (query: Record<string, string>) => parseTransactionFilters(query).filters;

beforeAll(async () => {
  await resetTestDb();
  const alice = await db.user.create({ data: { email: 'alice@example.com', name: 'Alice', passwordHash: 'x' } });
  const bob = await db.user.create({ data: { email: 'bob@example.com', name: 'Bob', passwordHash: 'x' } });
  aliceId = alice.id;
  accountId = (await db.bankAccount.create({ data: { userId: alice.id, name: 'Checking', kind: 'checking', iban: 'A1', balanceMinor: 0 } })).id;
  bobAccountId = (await db.bankAccount.create({ data: { userId: bob.id, name: 'Checking', kind: 'checking', iban: 'B1', balanceMinor: 0 } })).id;
  const descriptions = ['Greenleaf Market', 'Sakura Sushi Bar', 'Salary March', '100% organic', 'Trattoria Sole'];
  let balance = 0;
  const rows = Array.from({ length: 60 }, (_, i) => {
    const amountMinor = i % 3 === 0 ? 50_00 + i : -(10_00 + i * 100);
    balance += amountMinor;
    return {
      accountId,
      amountMinor,
      balanceAfterMinor: balance,
      description: descriptions[i % descriptions.length]!,
      counterparty: null,
      category: i % 2 ? 'Groceries' : 'Income',
      // one a day from 1 January 2026, 10:00 UTC
      bookedAt: new Date(Date.UTC(2026, 0, 1 + i, 10)),
    };
  });
  await db.transaction.createMany({ data: rows });
  await db.transaction.create({
    data: { accountId: bobAccountId, amountMinor: 1, balanceAfterMinor: 1, description: 'Greenleaf Market', category: 'Groceries', bookedAt: new Date() },
  });
});

describe('fetchAccountTransactions', () => {
  it('pages by 25, newest first', async () => {
    const first = await fetchAccountTransactions(aliceId, accountId, filters({}));
    expect(first).toMatchObject({ total: 60, page: 1, pageCount: 3, pageSize: 25 });
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0]!.bookedAt.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    const third = await fetchAccountTransactions(aliceId, accountId, filters({ page: '3' }));
    expect(third.rows).toHaveLength(10);
    // A page past the end shows the last page.
    expect((await fetchAccountTransactions(aliceId, accountId, filters({ page: '99' }))).page).toBe(3);
  });

  it('searches case-insensitively', async () => {
    for (const q of ['greenleaf', 'GREENLEAF', 'GreenLeaf market']) {
      expect((await fetchAccountTransactions(aliceId, accountId, filters({ q }))).total).toBe(12);
    }
    expect((await fetchAccountTransactions(aliceId, accountId, filters({ q: 'groceries' }))).total).toBe(30);
  });

  it('treats % and _ in a search as text, not wildcards', async () => {
    expect((await fetchAccountTransactions(aliceId, accountId, filters({ q: '100%' }))).total).toBe(12);
    expect((await fetchAccountTransactions(aliceId, accountId, filters({ q: '%' }))).total).toBe(12);
    expect((await fetchAccountTransactions(aliceId, accountId, filters({ q: '_' }))).total).toBe(0);
  });

  it('filters by calendar days in the display time zone, both ends inclusive', async () => {
    const result = await fetchAccountTransactions(aliceId, accountId, filters({ from: '2026-01-10', to: '2026-01-12' }));
    expect(result.rows.map((r) => r.bookedAt.toISOString().slice(0, 10))).toEqual(['2026-01-12', '2026-01-11', '2026-01-10']);
  });

  it('filters by size of amount, either direction, or one direction', async () => {
    const all = await fetchAccountTransactions(aliceId, accountId, filters({ min: '50', max: '51' }));
    expect(all.rows.every((r) => Math.abs(r.amountMinor) >= 50_00 && Math.abs(r.amountMinor) <= 51_00)).toBe(true);
    expect(all.rows.some((r) => r.amountMinor < 0)).toBe(true);
    expect(all.rows.some((r) => r.amountMinor > 0)).toBe(true);
    const out = await fetchAccountTransactions(aliceId, accountId, filters({ min: '50', max: '51', direction: 'out' }));
    expect(out.total).toBeGreaterThan(0);
    expect(out.rows.every((r) => r.amountMinor < 0)).toBe(true);
    const moneyIn = await fetchAccountTransactions(aliceId, accountId, filters({ direction: 'in' }));
    expect(moneyIn.total).toBe(20);
  });

  it('finds nothing through another user’s account id (no IDOR)', async () => {
    expect((await fetchAccountTransactions(aliceId, bobAccountId, filters({}))).total).toBe(0);
  });
});
