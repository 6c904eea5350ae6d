import 'server-only';
// Everything the dashboard shows, read in one statement: the user's accounts,
// each with its postings behind the balance chart and its latest transactions.
// The database builds it as one JSON value, so a request pays for one
// statement and parses one string, instead of six statements and an object
// per row from the driver and again from Prisma — 260 postings cost more than
// the rest of the page (measured: ADR 028). Per account, both lists come
// straight off the (accountId, bookedAt) index: the latest transactions are
// each account's newest few, merged here, so the cost stays bounded however
// long the history grows. One statement is also one snapshot: the cards, the
// chart and the list always agree. Everything is read through the owner's id
// (no IDOR).
import { databaseProvider, db } from '../db';
import { addDays, dayKey, startOfDay } from '../banking/calendar';
import { buildBalanceHistory, type BalancePoint, type Posting } from '../banking/balance-history';
import type { AccountSummary } from './accounts';
import { parseJsonColumn, transactionFromTuple, transactionTupleSql, type TransactionRow, type TransactionTuple } from './transactions';

export type RecentTransaction = TransactionRow & { account: { id: string; name: string; currency: string } };
export type BalanceHistory = { currency: string; points: BalancePoint[] };
export type Dashboard = { accounts: AccountSummary[]; history: BalanceHistory | null; recent: RecentTransaction[] };

type AccountTuple = [id: string, name: string, kind: string, currency: string, balanceMinor: number, iban: string, postings: Posting[], recent: TransactionTuple[]];

const parseAccounts = (value: unknown) => parseJsonColumn<AccountTuple[]>(value, []);

// Dates leave the database as epoch milliseconds: unambiguous in JSON on both
// providers (PostgreSQL's timestamp(3) has no zone in its JSON form). Postings
// come in ledger order (bookedAt, then createdAt), as the replay needs.
async function readDashboardAccounts(userId: string, since: Date, recentCount: number): Promise<AccountTuple[]> {
  if (databaseProvider === 'postgresql') {
    const rows = await db.$queryRaw<{ accounts: unknown }[]>`
      SELECT coalesce(json_agg(json_build_array(b."id", b."name", b."kind", b."currency", b."balanceMinor", b."iban",
          (SELECT coalesce(json_agg(json_build_array((extract(epoch FROM t."bookedAt") * 1000)::bigint, t."amountMinor", t."balanceAfterMinor")
                   ORDER BY t."bookedAt", t."createdAt"), '[]')
             FROM "Transaction" t WHERE t."accountId" = b."id" AND t."bookedAt" >= ${since}),
          (SELECT coalesce(json_agg(${transactionTupleSql}), '[]')
             FROM (SELECT * FROM "Transaction" t WHERE t."accountId" = b."id" ORDER BY t."bookedAt" DESC, t."id" DESC LIMIT ${recentCount}) r)
        ) ORDER BY b."createdAt", b."id"), '[]') AS "accounts"
      FROM "BankAccount" b WHERE b."userId" = ${userId}`;
    return parseAccounts(rows[0]?.accounts);
  }
  const rows = await db.$queryRaw<{ accounts: unknown }[]>`
    SELECT json_group_array(json_array(b."id", b."name", b."kind", b."currency", b."balanceMinor", b."iban",
        (SELECT json_group_array(json_array(CAST(unixepoch(t."bookedAt", 'subsec') * 1000 AS INTEGER), t."amountMinor", t."balanceAfterMinor")
                 ORDER BY t."bookedAt", t."createdAt")
           FROM "Transaction" t WHERE t."accountId" = b."id" AND t."bookedAt" >= ${since}),
        (SELECT json_group_array(${transactionTupleSql})
           FROM (SELECT * FROM "Transaction" t WHERE t."accountId" = b."id" ORDER BY t."bookedAt" DESC, t."id" DESC LIMIT ${recentCount}) r)
      ) ORDER BY b."createdAt", b."id") AS "accounts"
    FROM "BankAccount" b WHERE b."userId" = ${userId}`;
  return parseAccounts(rows[0]?.accounts);
}

/** Newest first, ties by id descending: the order of the SQL above and of the account page. */
const newestFirst = ([idA, , , , , , atA]: TransactionTuple, [idB, , , , , , atB]: TransactionTuple) => atB - atA || (idA < idB ? 1 : idA > idB ? -1 : 0);

/**
 * The dashboard for `userId`: accounts oldest first; the total balance per day
 * for the last `days` days, in the currency of the oldest account (accounts in
 * other currencies are left out of the chart); the `recentCount` latest
 * transactions across all accounts, newest first.
 */
export async function fetchDashboard(userId: string, { now = new Date(), days = 183, recentCount = 6 } = {}): Promise<Dashboard> {
  const toDay = dayKey(now);
  const fromDay = addDays(toDay, -(days - 1));
  const rows = await readDashboardAccounts(userId, startOfDay(fromDay), recentCount);

  const accounts: AccountSummary[] = rows.map(([id, name, kind, currency, balanceMinor, iban]) => ({ id, name, kind, currency, balanceMinor, iban }));

  const currency = accounts[0]?.currency;
  const ledgers = rows
    .filter(([, , , accountCurrency]) => accountCurrency === currency)
    .map(([, , , , balanceMinor, , postings]) => ({ balanceMinor, postings }));
  const history = currency ? { currency, points: buildBalanceHistory({ ledgers, fromDay, toDay }) } : null;

  // Each account's newest few, merged: sorted as tuples, a Date only for those kept.
  const recent = rows
    .flatMap(([accountId, name, , accountCurrency, , , , latest]) => latest.map((tx) => ({ account: { id: accountId, name, currency: accountCurrency }, tx })))
    .sort((a, b) => newestFirst(a.tx, b.tx))
    .slice(0, recentCount)
    .map(({ account, tx }) => ({ ...transactionFromTuple(tx), account }));
  return { accounts, history, recent };
}
