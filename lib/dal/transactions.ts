import 'server-only';
// Transactions: search, filters and paging on the server, always through the
// account's owner (no IDOR). Served by the (accountId, bookedAt) index.
import { databaseProvider, db } from '../db';
import { endOfDay, startOfDay } from '../banking/calendar';
import { TRANSACTIONS_PAGE_SIZE, type TransactionFilters } from '../banking/transaction-filters';
import type { Prisma } from '../db/client';

const LIKE_WILDCARDS = /[%_\\]/;

/**
 * Case-insensitive "contains" on both providers, with % and _ taken literally.
 * PostgreSQL: Prisma's `mode: 'insensitive'` (ILIKE), wildcards escaped with
 * LIKE's default escape character, the backslash. SQLite: its LIKE already
 * ignores case (ASCII letters), but has no default escape character, so a
 * search containing % or _ is matched with instr() in a small raw query.
 */
async function textMatch(accountId: string, text: string): Promise<Prisma.TransactionWhereInput> {
  if (databaseProvider === 'postgresql') {
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
