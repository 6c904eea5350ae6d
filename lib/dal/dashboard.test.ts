// The dashboard's one statement against what Prisma's own queries return, on a
// real database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { beforeAll, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { endOfDay } from '@/lib/banking/calendar';
import { fetchAccountBalances } from './accounts';
import { fetchDashboard } from './dashboard';

const db = getTestDb();
const now = new Date(Date.UTC(2026, 2, 1, 12));
let aliceId: string;
let checkingId: string;

beforeAll(async () => {
  await resetTestDb();
  const alice = await db.user.create({ data: { email: 'alice@example.com', name: 'Alice', passwordHash: 'x' } });
  const bob = await db.user.create({ data: { email: 'bob@example.com', name: 'Bob', passwordHash: 'x' } });
  aliceId = alice.id;
  const account = (userId: string, name: string, iban: string, balanceMinor: number, currency = 'EUR', createdAt = new Date(Date.UTC(2025, 0, 1))) =>
    db.bankAccount.create({ data: { userId, name, kind: 'checking', iban, balanceMinor, currency, createdAt } });
  checkingId = (await account(alice.id, 'Checking', 'A1', 0)).id;
  // Quiet in the charted window: its only posting is older, so it counts at its balance now.
  const savings = await account(alice.id, 'Savings', 'A2', 12_345, 'EUR', new Date(Date.UTC(2025, 0, 2)));
  // Another currency: listed and in the recent list (at the same instant as two
  // checking postings: the merged list breaks the tie by id), left out of the chart.
  const dollars = await account(alice.id, 'Dollars', 'A3', 700, 'USD', new Date(Date.UTC(2025, 0, 3)));
  const bobs = await account(bob.id, 'Checking', 'B1', 1);

  let balance = 0;
  // One a day from 1 January 2026, 10:00 UTC, except 21–25 January: a window
  // opening in that gap starts from the balance before its first posting.
  const rows = Array.from({ length: 60 }, (_, i) => i).filter((i) => i < 20 || i > 24).map((i) => {
    const amountMinor = i % 3 === 0 ? 50_00 + i : -(10_00 + i * 100);
    balance += amountMinor;
    return { accountId: checkingId, amountMinor, balanceAfterMinor: balance, description: `Day ${i}`, category: 'Groceries', bookedAt: new Date(Date.UTC(2026, 0, 1 + i, 10)) };
  });
  for (const row of rows) await db.transaction.create({ data: row });
  // Two postings at one instant, the day's last: ledger order is createdAt. Stored
  // later one first, so neither insertion order nor the index's order gives it.
  const tie = new Date(Date.UTC(2026, 2, 1, 11));
  const first = { amountMinor: -100, balanceAfterMinor: balance - 100, createdAt: new Date(Date.UTC(2026, 2, 1, 11, 0, 1)) };
  const second = { amountMinor: -200, balanceAfterMinor: balance - 300, createdAt: new Date(Date.UTC(2026, 2, 1, 11, 0, 2)) };
  for (const posting of [second, first]) {
    await db.transaction.create({ data: { accountId: checkingId, description: 'Same instant', category: 'Groceries', bookedAt: tie, ...posting } });
  }
  balance -= 300;
  await db.bankAccount.update({ where: { id: checkingId }, data: { balanceMinor: balance } });
  await db.transaction.create({
    data: { accountId: savings.id, amountMinor: 12_345, balanceAfterMinor: 12_345, description: 'Opening deposit', category: 'Income', bookedAt: new Date(Date.UTC(2025, 5, 1)) },
  });
  await db.transaction.create({
    data: { accountId: dollars.id, amountMinor: 700, balanceAfterMinor: 700, description: 'Dollars in', counterparty: 'Ace', category: 'Income', bookedAt: tie },
  });
  await db.transaction.create({ data: { accountId: bobs.id, amountMinor: 1, balanceAfterMinor: 1, description: 'Bob only', category: 'Income', bookedAt: now } });
});

describe('fetchDashboard', () => {
  it('lists the accounts as fetchAccountBalances does, oldest first', async () => {
    const { accounts } = await fetchDashboard(aliceId, { now });
    expect(accounts).toEqual(await fetchAccountBalances(aliceId));
    expect(accounts.map((a) => a.name)).toEqual(['Checking', 'Savings', 'Dollars']);
  });

  it('gives the latest transactions across the user’s accounts, newest first, as Prisma reads them — never another user’s', async () => {
    const { recent } = await fetchDashboard(aliceId, { now, recentCount: 8 });
    const expected = await db.transaction.findMany({
      where: { account: { userId: aliceId } },
      select: { id: true, amountMinor: true, balanceAfterMinor: true, description: true, counterparty: true, category: true, bookedAt: true, transferId: true, account: { select: { id: true, name: true, currency: true } } },
      orderBy: [{ bookedAt: 'desc' }, { id: 'desc' }],
      take: 8,
    });
    expect(recent).toEqual(expected);
    expect(recent[0]!.bookedAt).toBeInstanceOf(Date);
    expect(recent.some((t) => t.account.name === 'Dollars')).toBe(true);
    expect(recent.some((t) => t.description === 'Bob only')).toBe(false);
  });

  it.each([45, 39, 70])('charts the total per day over %i days replayed from the whole ledger: a quiet account at its balance, another currency left out', async (days) => {
    const { history } = await fetchDashboard(aliceId, { now, days });
    expect(history?.currency).toBe('EUR');
    expect(history?.points).toHaveLength(days);
    const ledger = await db.transaction.findMany({
      where: { account: { userId: aliceId, currency: 'EUR' } },
      orderBy: [{ bookedAt: 'asc' }, { createdAt: 'asc' }],
    });
    const expected = history!.points.map(({ day }) => {
      const end = endOfDay(day).getTime();
      const last = new Map<string, number>();
      for (const row of ledger) if (row.bookedAt.getTime() < end) last.set(row.accountId, row.balanceAfterMinor);
      return { day, totalMinor: [...last.values()].reduce((a, b) => a + b, 0) };
    });
    expect(history!.points).toEqual(expected);
    expect(history!.points.at(-1)!.totalMinor).toBe((await db.bankAccount.findUniqueOrThrow({ where: { id: checkingId } })).balanceMinor + 12_345);
  });

  it('is empty, not an error, for a user with no accounts', async () => {
    const carol = await db.user.create({ data: { email: 'carol@example.com', name: 'Carol', passwordHash: 'x' } });
    expect(await fetchDashboard(carol.id, { now })).toEqual({ accounts: [], history: null, recent: [] });
  });
});
