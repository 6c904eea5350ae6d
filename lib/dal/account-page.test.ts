// The account page's one statement against what Prisma's own queries return for
// the same page and filters, on a real database (SQLite, or PostgreSQL with
// TEST_DATABASE_URL).
import { beforeAll, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { resolveDatabase } from '@/lib/config/database-url';
import { endOfDay, startOfDay } from '@/lib/banking/calendar';
import { parseTransactionFilters, type TransactionFilters } from '@/lib/banking/transaction-filters';
import type { Prisma } from '@/lib/db/client';
import { fetchAccountPage } from './account-page';

const db = getTestDb();
const postgres = resolveDatabase(process.env.DATABASE_URL).provider === 'postgresql';
let aliceId: string;
let accountId: string;
let savingsId: string;
let emptyId: string;
let bobAccountId: string;

const filters = (query: Record<string, string>) => parseTransactionFilters(query).filters;

beforeAll(async () => {
  await resetTestDb();
  const alice = await db.user.create({ data: { email: 'alice@example.com', name: 'Alice', passwordHash: 'x' } });
  const bob = await db.user.create({ data: { email: 'bob@example.com', name: 'Bob', passwordHash: 'x' } });
  aliceId = alice.id;
  const account = (userId: string, name: string, iban: string, kind = 'checking') => db.bankAccount.create({ data: { userId, name, kind, iban, balanceMinor: 0 } });
  accountId = (await account(alice.id, 'Checking', 'A1')).id;
  savingsId = (await account(alice.id, 'Savings', 'A2', 'savings')).id;
  emptyId = (await account(alice.id, 'Card', 'A3', 'card')).id;
  bobAccountId = (await account(bob.id, 'Checking', 'B1')).id;
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
      counterparty: i % 4 === 0 ? 'ACME Payroll' : null,
      category: i % 2 ? 'Groceries' : 'Income',
      // one a day from 1 January 2026, 10:00 UTC; days 30 and 31 at the same instant (ties go by id)
      bookedAt: new Date(Date.UTC(2026, 0, 1 + (i === 31 ? 30 : i), 10)),
    };
  });
  await db.transaction.createMany({ data: rows });
  await db.bankAccount.update({ where: { id: accountId }, data: { balanceMinor: balance } });
  await db.transaction.create({
    data: { accountId: savingsId, amountMinor: 99_00, balanceAfterMinor: 99_00, description: 'Greenleaf Market', category: 'Groceries', bookedAt: new Date(Date.UTC(2026, 0, 5, 10)) },
  });
  await db.transaction.create({
    data: { accountId: bobAccountId, amountMinor: 1, balanceAfterMinor: 1, description: 'Greenleaf Market', category: 'Groceries', bookedAt: new Date() },
  });
});

// Prisma's own formulation of the same filters: the reference the statement must equal.
function prismaWhere(id: string, { q, fromDay, toDay, minMinor, maxMinor, direction }: TransactionFilters): Prisma.TransactionWhereInput {
  const and: Prisma.TransactionWhereInput[] = [];
  if (q) {
    // Plain text only here (SQLite's LIKE has no escape character through Prisma); % and _ are checked below.
    const match = postgres ? ({ contains: q.replace(/[%_\\]/g, (c) => `\\${c}`), mode: 'insensitive' } as Prisma.StringFilter) : { contains: q };
    and.push({ OR: [{ description: match }, { counterparty: match }, { category: match }] });
  }
  if (fromDay || toDay) and.push({ bookedAt: { ...(fromDay ? { gte: startOfDay(fromDay) } : {}), ...(toDay ? { lt: endOfDay(toDay) } : {}) } });
  if (minMinor !== undefined || maxMinor !== undefined || direction !== 'all') {
    const low = Math.max(minMinor ?? 1, 1);
    const moneyIn = { amountMinor: { gte: low, ...(maxMinor !== undefined ? { lte: maxMinor } : {}) } };
    const moneyOut = { amountMinor: { lte: -low, ...(maxMinor !== undefined ? { gte: -maxMinor } : {}) } };
    and.push(direction === 'in' ? moneyIn : direction === 'out' ? moneyOut : { OR: [moneyIn, moneyOut] });
  }
  return { accountId: id, account: { userId: aliceId }, AND: and };
}

async function prismaPage(id: string, f: TransactionFilters, pageSize = 25) {
  const account = await db.bankAccount.findFirstOrThrow({
    where: { id, userId: aliceId },
    select: { id: true, name: true, kind: true, currency: true, balanceMinor: true, iban: true },
  });
  const where = prismaWhere(id, f);
  const total = await db.transaction.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(f.page, pageCount);
  const rows = await db.transaction.findMany({
    where,
    select: { id: true, amountMinor: true, balanceAfterMinor: true, description: true, counterparty: true, category: true, bookedAt: true, transferId: true },
    orderBy: [{ bookedAt: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * pageSize,
    take: pageSize,
  });
  return { account, transactions: { rows, total, page, pageCount, pageSize } };
}

describe('fetchAccountPage', () => {
  it.each<Record<string, string>>([
    {},
    { page: '2' },
    { page: '3' },
    { page: '99' },
    { q: 'greenleaf' },
    { q: 'GreenLeaf market', page: '2' },
    { q: 'groceries' },
    { q: 'acme' },
    { q: 'nothing like it' },
    { from: '2026-01-10', to: '2026-01-12' },
    { from: '2026-01-31' },
    { to: '2026-01-31', page: '2' },
    { min: '50', max: '51' },
    { min: '50', max: '51', direction: 'out' },
    { min: '20' },
    { max: '15' },
    { direction: 'in' },
    { direction: 'out', page: '2' },
    { q: 'sushi', from: '2026-01-05', to: '2026-02-20', min: '10', max: '40', direction: 'out' },
  ])('equals Prisma’s own queries for %o', async (query) => {
    expect(await fetchAccountPage(aliceId, accountId, filters(query))).toEqual(await prismaPage(accountId, filters(query)));
  });

  it('pages by 25, newest first, ties by id descending; past the end is the last page', async () => {
    const first = (await fetchAccountPage(aliceId, accountId, filters({})))!.transactions;
    expect(first).toMatchObject({ total: 60, page: 1, pageCount: 3, pageSize: 25 });
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0]!.bookedAt).toBeInstanceOf(Date);
    expect(first.rows[0]!.bookedAt.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect((await fetchAccountPage(aliceId, accountId, filters({ page: '3' })))!.transactions.rows).toHaveLength(10);
    expect((await fetchAccountPage(aliceId, accountId, filters({ page: '99' })))!.transactions.page).toBe(3);
  });

  it('searches case-insensitively', async () => {
    for (const q of ['greenleaf', 'GREENLEAF', 'GreenLeaf market']) {
      expect((await fetchAccountPage(aliceId, accountId, filters({ q })))!.transactions.total).toBe(12);
    }
    expect((await fetchAccountPage(aliceId, accountId, filters({ q: 'groceries' })))!.transactions.total).toBe(30);
  });

  it('treats % and _ in a search as text, not wildcards', async () => {
    const all = await db.transaction.findMany({ where: { accountId } });
    for (const [q, expected] of [['100%', 12], ['%', 12], ['_', 0], ['0% o', 12]] as const) {
      const found = (await fetchAccountPage(aliceId, accountId, filters({ q }), { pageSize: 100 }))!.transactions;
      expect(found.total, q).toBe(expected);
      expect(new Set(found.rows.map((r) => r.id))).toEqual(new Set(all.filter((r) => r.description.includes(q)).map((r) => r.id)));
    }
  });

  it('filters by calendar days in the display time zone, both ends inclusive', async () => {
    const { rows } = (await fetchAccountPage(aliceId, accountId, filters({ from: '2026-01-10', to: '2026-01-12' })))!.transactions;
    expect(rows.map((r) => r.bookedAt.toISOString().slice(0, 10))).toEqual(['2026-01-12', '2026-01-11', '2026-01-10']);
  });

  it('filters by size of amount, either direction, or one direction', async () => {
    const all = (await fetchAccountPage(aliceId, accountId, filters({ min: '50', max: '51' })))!.transactions;
    expect(all.rows.every((r) => Math.abs(r.amountMinor) >= 50_00 && Math.abs(r.amountMinor) <= 51_00)).toBe(true);
    expect(all.rows.some((r) => r.amountMinor < 0)).toBe(true);
    expect(all.rows.some((r) => r.amountMinor > 0)).toBe(true);
    const out = (await fetchAccountPage(aliceId, accountId, filters({ min: '50', max: '51', direction: 'out' })))!.transactions;
    expect(out.total).toBeGreaterThan(0);
    expect(out.rows.every((r) => r.amountMinor < 0)).toBe(true);
    expect((await fetchAccountPage(aliceId, accountId, filters({ direction: 'in' })))!.transactions.total).toBe(20);
    // Bounds beyond what the 32-bit column can hold match as if there were none.
    expect((await fetchAccountPage(aliceId, accountId, filters({ max: '99999999999' })))!.transactions.total).toBe(60);
    expect((await fetchAccountPage(aliceId, accountId, filters({ min: '99999999999' })))!.transactions.total).toBe(0);
  });

  it('gives every matching row on one large page (the CSV export)', async () => {
    const { rows, total, pageCount } = (await fetchAccountPage(aliceId, accountId, filters({ q: 'greenleaf' }), { pageSize: 5_000 }))!.transactions;
    expect({ total, pageCount }).toEqual({ total: 12, pageCount: 1 });
    expect(rows).toEqual((await prismaPage(accountId, filters({ q: 'greenleaf' }), 5_000)).transactions.rows);
  });

  it('shows an account without transactions as an empty first page', async () => {
    expect(await fetchAccountPage(aliceId, emptyId, filters({ page: '4' }))).toEqual(await prismaPage(emptyId, filters({})));
    expect((await fetchAccountPage(aliceId, emptyId, filters({})))!.transactions).toEqual({ rows: [], total: 0, page: 1, pageCount: 1, pageSize: 25 });
  });

  it('finds nothing through another user’s account id, or one that never existed (no IDOR)', async () => {
    expect(await fetchAccountPage(aliceId, bobAccountId, filters({}))).toBeNull();
    expect(await fetchAccountPage(aliceId, bobAccountId, filters({ q: 'greenleaf', page: '2' }))).toBeNull();
    expect(await fetchAccountPage(aliceId, 'does-not-exist', filters({}))).toBeNull();
    expect(await fetchAccountPage(aliceId, 'x'.repeat(65), filters({}))).toBeNull();
  });
});
