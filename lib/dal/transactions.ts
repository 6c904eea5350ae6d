import 'server-only';
// Transactions: search, filters and paging on the server, always through the
// account's owner (no IDOR). Served by the (accountId, bookedAt) index.
import { db } from '../db';
import { env } from '../env';
import { resolveDatabase } from '../db/url';
import { addDays, dayKey, endOfDay, startOfDay } from '../banking/calendar';
import { buildBalanceHistory, type BalancePoint } from '../banking/balance-history';
import { TRANSACTIONS_PAGE_SIZE, type TransactionFilters } from '../banking/transaction-filters';
import type { Prisma } from '../../prisma/generated/sqlite/client';

const provider = resolveDatabase(env.DATABASE_URL).provider;

const LIKE_WILDCARDS = /[%_\\]/;

/**
 * Case-insensitive "contains" on both providers, with % and _ taken literally.
 * PostgreSQL: Prisma's `mode: 'insensitive'` (ILIKE), wildcards escaped with
 * LIKE's default escape character, the backslash. SQLite: its LIKE already
 * ignores case (ASCII letters), but has no default escape character, so a
 * search containing % or _ is matched with instr() in a small raw query.
 */
async function textMatch(accountId: string, text: string): Promise<Prisma.TransactionWhereInput> {
  if (provider === 'postgresql') {
    const escaped = text.replace(/[%_\\]/g, (c) => `\\${c}`);
    const match = { contains: escaped, mode: 'insensitive' } as Prisma.StringFilter;
    return { OR: [{ description: match }, { counterparty: match }, { category: match }] };
  }
  if (!LIKE_WILDCARDS.test(text)) {
    return { OR: [{ description: { contains: text } }, { counterparty: { contains: text } }, { category: { contains: text } }] };
  }
  const needle = text.toLowerCase();
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Transaction" WHERE "accountId" = ${accountId} AND (
      instr(lower("description"), ${needle}) > 0 OR instr(lower(coalesce("counterparty", '')), ${needle}) > 0 OR instr(lower("category"), ${needle}) > 0
    ) LIMIT 10000`;
  return { id: { in: rows.map((row) => row.id) } };
}

function amountFilter(filters: TransactionFilters): Prisma.TransactionWhereInput | undefined {
  const { minMinor, maxMinor, direction } = filters;
  if (minMinor === undefined && maxMinor === undefined && direction === 'all') return undefined;
  // Amounts are matched by size, whichever way the money went.
  const low = Math.max(minMinor ?? 1, 1);
  const moneyIn = { amountMinor: { gte: low, ...(maxMinor !== undefined ? { lte: maxMinor } : {}) } };
  const moneyOut = { amountMinor: { lte: -low, ...(maxMinor !== undefined ? { gte: -maxMinor } : {}) } };
  if (direction === 'in') return moneyIn;
  if (direction === 'out') return moneyOut;
  return { OR: [moneyIn, moneyOut] };
}

async function transactionsWhere(userId: string, accountId: string, filters: TransactionFilters): Promise<Prisma.TransactionWhereInput> {
  const and: Prisma.TransactionWhereInput[] = [];
  const q = filters.q.trim();
  if (q) and.push(await textMatch(accountId, q));
  if (filters.fromDay || filters.toDay) {
    and.push({
      bookedAt: {
        ...(filters.fromDay ? { gte: startOfDay(filters.fromDay) } : {}),
        ...(filters.toDay ? { lt: endOfDay(filters.toDay) } : {}),
      },
    });
  }
  const amount = amountFilter(filters);
  if (amount) and.push(amount);
  return { accountId, account: { userId }, AND: and };
}

const transactionSelect = {
  id: true,
  amountMinor: true,
  balanceAfterMinor: true,
  description: true,
  counterparty: true,
  category: true,
  bookedAt: true,
  transferId: true,
} as const;

export type TransactionRow = {
  id: string;
  amountMinor: number;
  balanceAfterMinor: number;
  description: string;
  counterparty: string | null;
  category: string;
  bookedAt: Date;
  transferId: string | null;
};

export type TransactionPage = { rows: TransactionRow[]; total: number; page: number; pageCount: number; pageSize: number };

export async function fetchAccountTransactions(
  userId: string,
  accountId: string,
  filters: TransactionFilters,
  pageSize = TRANSACTIONS_PAGE_SIZE,
): Promise<TransactionPage> {
  const where = await transactionsWhere(userId, accountId, filters);
  const total = await db.transaction.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(filters.page, pageCount);
  const rows = await db.transaction.findMany({
    where,
    select: transactionSelect,
    orderBy: [{ bookedAt: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * pageSize,
    take: pageSize,
  });
  return { rows, total, page, pageCount, pageSize };
}

/** Every matching transaction (CSV export), newest first, capped. */
export async function fetchAllAccountTransactions(userId: string, accountId: string, filters: TransactionFilters, limit = 5_000) {
  return db.transaction.findMany({
    where: await transactionsWhere(userId, accountId, filters),
    select: transactionSelect,
    orderBy: [{ bookedAt: 'desc' }, { id: 'desc' }],
    take: limit,
  });
}

export type RecentTransaction = TransactionRow & { account: { id: string; name: string; currency: string } };

type AccountLabel = RecentTransaction['account'];

export async function fetchRecentTransactions(
  userId: string,
  take = 8,
  /** The user's accounts, if the caller has them already (the dashboard): Prisma loads a relation as a second statement. */
  known?: readonly AccountLabel[],
): Promise<RecentTransaction[]> {
  const where = { account: { userId } };
  const orderBy = [{ bookedAt: 'desc' as const }, { id: 'desc' as const }];
  if (!known) {
    return db.transaction.findMany({ where, select: { ...transactionSelect, account: { select: { id: true, name: true, currency: true } } }, orderBy, take });
  }
  const byId = new Map(known.map((a) => [a.id, { id: a.id, name: a.name, currency: a.currency }]));
  const rows = await db.transaction.findMany({ where, select: { ...transactionSelect, accountId: true }, orderBy, take });
  // An account opened after `known` was read: fall back to the relation.
  if (rows.some((row) => !byId.has(row.accountId))) return fetchRecentTransactions(userId, take);
  return rows.map(({ accountId, ...row }) => ({ ...row, account: byId.get(accountId)! }));
}

/**
 * The user's total balance per day for the last `days` days (in the currency
 * of their first account; accounts in other currencies are left out).
 */
export async function fetchBalanceHistory(
  userId: string,
  days = 183,
  now: Date = new Date(),
  /** The user's accounts, oldest first, if the caller has them already (the dashboard): one query fewer. */
  known?: readonly { id: string; currency: string }[],
): Promise<{ currency: string; points: BalancePoint[] } | null> {
  const accounts = known ?? (await db.bankAccount.findMany({ where: { userId }, select: { id: true, currency: true }, orderBy: { createdAt: 'asc' } }));
  const currency = accounts[0]?.currency;
  if (!currency) return null;
  const ids = accounts.filter((a) => a.currency === currency).map((a) => a.id);

  const toDay = dayKey(now);
  const fromDay = addDays(toDay, -(days - 1));
  const start = startOfDay(fromDay);
  const opening = await Promise.all(
    ids.map((accountId) =>
      db.transaction.findFirst({
        where: { accountId, bookedAt: { lt: start } },
        select: { balanceAfterMinor: true },
        orderBy: [{ bookedAt: 'desc' }, { createdAt: 'desc' }],
      }),
    ),
  );
  const postings = await db.transaction.findMany({
    where: { accountId: { in: ids }, account: { userId }, bookedAt: { gte: start } },
    select: { accountId: true, bookedAt: true, balanceAfterMinor: true },
    orderBy: [{ bookedAt: 'asc' }, { createdAt: 'asc' }],
  });
  const openingMinor = Object.fromEntries(ids.map((id, index) => [id, opening[index]?.balanceAfterMinor ?? 0]));
  return { currency, points: buildBalanceHistory({ openingMinor, postings, fromDay, toDay }) };
}
