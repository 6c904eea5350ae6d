import 'server-only';
// Everything an account's page shows, read in one statement (ADR 036, as the
// dashboard's in ADR 028): the account, how many of its transactions match the
// filters, and the page of them, built by the database as one JSON value. One
// statement is also one snapshot: the balance, the count and the rows agree.
// The account is found through its owner's id (no IDOR): someone else's
// account id finds nothing, exactly like an id that never existed.
import { databaseProvider, db } from '../db';
import { endOfDay, startOfDay } from '../banking/calendar';
import { TRANSACTIONS_PAGE_SIZE, type TransactionFilters } from '../banking/transaction-filters';
import { Prisma } from '../db/client';
import type { AccountSummary } from './accounts';
import { parseJsonColumn, transactionFromTuple, transactionTupleSql, type TransactionPage, type TransactionTuple } from './transactions';

export type AccountPage = { account: AccountSummary; transactions: TransactionPage };

type PageTuple = [id: string, name: string, kind: string, currency: string, balanceMinor: number, iban: string, total: number, page: number, rows: TransactionTuple[]];

const postgres = databaseProvider === 'postgresql';
// The amount column is a 32-bit Int (and PostgreSQL types the bound value from it): a larger bound is no bound.
const INT_MAX = 2_147_483_647;

/**
 * The filters as SQL on the transaction aliased `t`, each after an AND.
 * Text: case-insensitive "contains" on description, counterparty or category,
 * with % and _ taken literally (PostgreSQL's ILIKE; SQLite's LIKE ignores the
 * case of ASCII letters). Days: in the display time zone, both ends inclusive.
 * Amounts: by size, whichever way the money went, unless a direction is given.
 */
function filterSql({ q, fromDay, toDay, minMinor, maxMinor, direction }: TransactionFilters): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  const text = q.trim();
  if (text) {
    const pattern = `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    const like = Prisma.raw(postgres ? 'ILIKE' : 'LIKE');
    conditions.push(
      Prisma.sql`(t."description" ${like} ${pattern} ESCAPE '\\' OR t."counterparty" ${like} ${pattern} ESCAPE '\\' OR t."category" ${like} ${pattern} ESCAPE '\\')`,
    );
  }
  if (fromDay) conditions.push(Prisma.sql`t."bookedAt" >= ${startOfDay(fromDay)}`);
  if (toDay) conditions.push(Prisma.sql`t."bookedAt" < ${endOfDay(toDay)}`);
  if (minMinor !== undefined || maxMinor !== undefined || direction !== 'all') {
    const low = Math.min(Math.max(minMinor ?? 1, 1), INT_MAX);
    const high = maxMinor === undefined ? undefined : Math.min(maxMinor, INT_MAX);
    const moneyIn = high === undefined ? Prisma.sql`t."amountMinor" >= ${low}` : Prisma.sql`t."amountMinor" BETWEEN ${low} AND ${high}`;
    const moneyOut = high === undefined ? Prisma.sql`t."amountMinor" <= ${-low}` : Prisma.sql`t."amountMinor" BETWEEN ${-high} AND ${-low}`;
    conditions.push(direction === 'in' ? moneyIn : direction === 'out' ? moneyOut : Prisma.sql`(${moneyIn} OR ${moneyOut})`);
  }
  return conditions.length ? Prisma.sql` AND ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
}

// The page number is clamped in SQL (past the end: the last page), so the rows
// come in the same statement as the count that decides it. Newest first, ties
// by id descending, off the (accountId, bookedAt) index.
async function readAccountPage(userId: string, accountId: string, filters: TransactionFilters, pageSize: number): Promise<PageTuple | null> {
  const where = filterSql(filters);
  // Bound numbers may arrive as floating point (SQLite's driver); the paging arithmetic is integer.
  const page = Prisma.sql`CAST(${filters.page} AS INTEGER)`;
  const size = Prisma.sql`CAST(${pageSize} AS INTEGER)`;
  const rows = postgres
    ? await db.$queryRaw<{ page: unknown }[]>`
      WITH m AS (SELECT count(*) AS total FROM "Transaction" t WHERE t."accountId" = ${accountId}${where}),
        p AS (SELECT total, LEAST(${page}, GREATEST(1, (total + ${size} - 1) / ${size})) AS page FROM m)
      SELECT json_build_array(b."id", b."name", b."kind", b."currency", b."balanceMinor", b."iban", p.total, p.page,
          (SELECT coalesce(json_agg(${transactionTupleSql} ORDER BY r."bookedAt" DESC, r."id" DESC), '[]')
             FROM (SELECT * FROM "Transaction" t WHERE t."accountId" = b."id"${where}
                   ORDER BY t."bookedAt" DESC, t."id" DESC LIMIT ${size} OFFSET (SELECT (page - 1) * ${size} FROM p)) r)) AS "page"
      FROM "BankAccount" b, p WHERE b."id" = ${accountId} AND b."userId" = ${userId}`
    : await db.$queryRaw<{ page: unknown }[]>`
      WITH m AS (SELECT count(*) AS total FROM "Transaction" t WHERE t."accountId" = ${accountId}${where}),
        p AS (SELECT total, min(${page}, max(1, (total + ${size} - 1) / ${size})) AS page FROM m)
      SELECT json_array(b."id", b."name", b."kind", b."currency", b."balanceMinor", b."iban", p.total, p.page,
          (SELECT json_group_array(${transactionTupleSql} ORDER BY r."bookedAt" DESC, r."id" DESC)
             FROM (SELECT * FROM "Transaction" t WHERE t."accountId" = b."id"${where}
                   ORDER BY t."bookedAt" DESC, t."id" DESC LIMIT ${size} OFFSET (SELECT (page - 1) * ${size} FROM p)) r)) AS "page"
      FROM "BankAccount" b, p WHERE b."id" = ${accountId} AND b."userId" = ${userId}`;
  return rows[0] ? parseJsonColumn<PageTuple | null>(rows[0].page, null) : null;
}

/**
 * One of the user's accounts with a page of its transactions (newest first,
 * `pageSize` a page, filtered), or null — the page answers 404 either way.
 */
export async function fetchAccountPage(
  userId: string,
  accountId: string,
  filters: TransactionFilters,
  { pageSize = TRANSACTIONS_PAGE_SIZE } = {},
): Promise<AccountPage | null> {
  if (typeof accountId !== 'string' || accountId.length > 64) return null;
  const found = await readAccountPage(userId, accountId, filters, pageSize);
  if (!found) return null;
  const [id, name, kind, currency, balanceMinor, iban, total, page, rows] = found;
  return {
    account: { id, name, kind, currency, balanceMinor, iban },
    transactions: { rows: rows.map(transactionFromTuple), total, page, pageCount: Math.max(1, Math.ceil(total / pageSize)), pageSize },
  };
}
