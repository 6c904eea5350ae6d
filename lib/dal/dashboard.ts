import 'server-only';
// Everything the dashboard shows, read in one statement: the user's accounts,
// the postings behind the balance chart and the latest transactions. The
// database builds each part as one JSON array, so a request pays for one
// statement and parses three strings, instead of four statements and an
// object per row from the driver and again from Prisma — 260 postings cost
// more than the rest of the page (measured: ADR 028). One statement is also
// one snapshot: the cards, the chart and the list always agree. Every part is
// read through the owner's id (no IDOR).
import { db } from '../db';
import { env } from '../env';
import { resolveDatabase } from '../db/url';
import { addDays, dayKey, startOfDay } from '../banking/calendar';
import { buildBalanceHistory, openingBalances, type BalancePoint, type Posting } from '../banking/balance-history';
import type { AccountSummary } from './accounts';
import type { TransactionRow } from './transactions';

const provider = resolveDatabase(env.DATABASE_URL).provider;

export type RecentTransaction = TransactionRow & { account: { id: string; name: string; currency: string } };
export type BalanceHistory = { currency: string; points: BalancePoint[] };
export type Dashboard = { accounts: AccountSummary[]; history: BalanceHistory | null; recent: RecentTransaction[] };

type AccountTuple = [id: string, name: string, kind: string, currency: string, balanceMinor: number, iban: string];
type PostingTuple = [accountId: string, bookedAtMs: number | string, amountMinor: number, balanceAfterMinor: number];
type RecentTuple = [
  id: string,
  accountId: string,
  amountMinor: number,
  balanceAfterMinor: number,
  description: string,
  counterparty: string | null,
  category: string,
  bookedAtMs: number | string,
  transferId: string | null,
];
type Row = { accounts: unknown; postings: unknown; recent: unknown };

/** SQLite returns the arrays as text; PostgreSQL's json may come back parsed. */
const parseArray = <T>(value: unknown): T[] => (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as T[];

// Dates leave the database as epoch milliseconds: unambiguous in JSON on both
// providers (PostgreSQL's timestamp(3) has no zone in its JSON form).
function readDashboardRow(userId: string, since: Date, recentCount: number): Promise<Row[]> {
  if (provider === 'postgresql') {
    return db.$queryRaw<Row[]>`
      SELECT
        (SELECT coalesce(json_agg(json_build_array(b."id", b."name", b."kind", b."currency", b."balanceMinor", b."iban") ORDER BY b."createdAt", b."id"), '[]')
           FROM "BankAccount" b WHERE b."userId" = ${userId}) AS "accounts",
        (SELECT coalesce(json_agg(json_build_array(t."accountId", (extract(epoch FROM t."bookedAt") * 1000)::bigint, t."amountMinor", t."balanceAfterMinor")
                 ORDER BY t."bookedAt", t."createdAt"), '[]')
           FROM "Transaction" t JOIN "BankAccount" a ON a."id" = t."accountId" WHERE a."userId" = ${userId} AND t."bookedAt" >= ${since}) AS "postings",
        (SELECT coalesce(json_agg(json_build_array(r."id", r."accountId", r."amountMinor", r."balanceAfterMinor", r."description", r."counterparty", r."category",
                   (extract(epoch FROM r."bookedAt") * 1000)::bigint, r."transferId") ORDER BY r."bookedAt" DESC, r."id" DESC), '[]')
           FROM (SELECT t.* FROM "Transaction" t JOIN "BankAccount" a ON a."id" = t."accountId" WHERE a."userId" = ${userId}
                 ORDER BY t."bookedAt" DESC, t."id" DESC LIMIT ${recentCount}) r) AS "recent"`;
  }
  return db.$queryRaw<Row[]>`
    SELECT
      (SELECT json_group_array(json_array(b."id", b."name", b."kind", b."currency", b."balanceMinor", b."iban") ORDER BY b."createdAt", b."id")
         FROM "BankAccount" b WHERE b."userId" = ${userId}) AS "accounts",
      (SELECT json_group_array(json_array(t."accountId", CAST(unixepoch(t."bookedAt", 'subsec') * 1000 AS INTEGER), t."amountMinor", t."balanceAfterMinor")
               ORDER BY t."bookedAt", t."createdAt")
         FROM "Transaction" t JOIN "BankAccount" a ON a."id" = t."accountId" WHERE a."userId" = ${userId} AND t."bookedAt" >= ${since}) AS "postings",
      (SELECT json_group_array(json_array(r."id", r."accountId", r."amountMinor", r."balanceAfterMinor", r."description", r."counterparty", r."category",
                 CAST(unixepoch(r."bookedAt", 'subsec') * 1000 AS INTEGER), r."transferId") ORDER BY r."bookedAt" DESC, r."id" DESC)
         FROM (SELECT t.* FROM "Transaction" t JOIN "BankAccount" a ON a."id" = t."accountId" WHERE a."userId" = ${userId}
               ORDER BY t."bookedAt" DESC, t."id" DESC LIMIT ${recentCount}) r) AS "recent"`;
}

/**
 * The dashboard for `userId`: accounts oldest first; the total balance per day
 * for the last `days` days, in the currency of the oldest account (accounts in
 * other currencies are left out of the chart); the `recentCount` latest
 * transactions across all accounts, newest first.
 */
export async function fetchDashboard(userId: string, { now = new Date(), days = 183, recentCount = 6 } = {}): Promise<Dashboard> {
  const toDay = dayKey(now);
  const fromDay = addDays(toDay, -(days - 1));
  const row = (await readDashboardRow(userId, startOfDay(fromDay), recentCount))[0];

  const accounts = parseArray<AccountTuple>(row?.accounts).map(([id, name, kind, currency, balanceMinor, iban]) => ({ id, name, kind, currency, balanceMinor, iban }));
  const byId = new Map(accounts.map((a) => [a.id, a]));

  const currency = accounts[0]?.currency;
  let history: BalanceHistory | null = null;
  if (currency) {
    const charted = accounts.filter((a) => a.currency === currency);
    const postings: Posting[] = parseArray<PostingTuple>(row?.postings)
      .filter(([accountId]) => byId.get(accountId)?.currency === currency)
      .map(([accountId, bookedAtMs, amountMinor, balanceAfterMinor]) => ({ accountId, bookedAtMs: Number(bookedAtMs), amountMinor, balanceAfterMinor }));
    history = { currency, points: buildBalanceHistory({ openingMinor: openingBalances(charted, postings), postings, fromDay, toDay }) };
  }

  const recent = parseArray<RecentTuple>(row?.recent).map(
    ([id, accountId, amountMinor, balanceAfterMinor, description, counterparty, category, bookedAtMs, transferId]): RecentTransaction => {
      const account = byId.get(accountId)!; // same statement, same snapshot: the owner's account is in `accounts`
      return {
        id,
        amountMinor,
        balanceAfterMinor,
        description,
        counterparty,
        category,
        bookedAt: new Date(Number(bookedAtMs)),
        transferId,
        account: { id: account.id, name: account.name, currency: account.currency },
      };
    },
  );
  return { accounts, history, recent };
}
