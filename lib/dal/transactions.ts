import 'server-only';
// A transaction as the pages show it, and the one shape it leaves the database
// in when a page reads it as JSON (the dashboard, ADR 028; the account page,
// ADR 036): a tuple per row, dates as epoch milliseconds (unambiguous in JSON
// on both providers: PostgreSQL's timestamp(3) has no zone in its JSON form).
import { databaseProvider } from '../db';
import { Prisma } from '../db/client';

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

export type TransactionTuple = [
  id: string,
  amountMinor: number,
  balanceAfterMinor: number,
  description: string,
  counterparty: string | null,
  category: string,
  bookedAtMs: number,
  transferId: string | null,
];

/** SQL for one TransactionTuple of the row aliased `r`. */
export const transactionTupleSql =
  databaseProvider === 'postgresql'
    ? Prisma.raw(
        `json_build_array(r."id", r."amountMinor", r."balanceAfterMinor", r."description", r."counterparty", r."category", (extract(epoch FROM r."bookedAt") * 1000)::bigint, r."transferId")`,
      )
    : Prisma.raw(
        `json_array(r."id", r."amountMinor", r."balanceAfterMinor", r."description", r."counterparty", r."category", CAST(unixepoch(r."bookedAt", 'subsec') * 1000 AS INTEGER), r."transferId")`,
      );

export const transactionFromTuple = ([id, amountMinor, balanceAfterMinor, description, counterparty, category, bookedAtMs, transferId]: TransactionTuple): TransactionRow => ({
  id,
  amountMinor,
  balanceAfterMinor,
  description,
  counterparty,
  category,
  bookedAt: new Date(bookedAtMs),
  transferId,
});

/** A JSON column: SQLite returns it as text, PostgreSQL's json comes back parsed. */
export const parseJsonColumn = <T>(value: unknown, empty: T): T => (typeof value === 'string' ? (JSON.parse(value) as T) : ((value ?? empty) as T));
