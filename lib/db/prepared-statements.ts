// PostgreSQL plans every unnamed statement anew. For the hot path's session
// read (a join plus an EXISTS) that planning is ~0.35 ms of a ~0.55 ms round
// trip, measured on this project's machines (ADR 027); a named statement is
// parsed and planned once per connection and then only bound and executed.
// A statement opts in by starting with `/* prepare: <name> */`; the name sent
// to the server carries a hash of the text, so one name never stands for two
// texts (pg refuses that). Opt-in rather than every statement: the server keeps
// each named statement per connection, and a generic plan is right for a
// primary-key read but not for every query the ORM writes.
// Behind a pooler in transaction mode, named statements need PgBouncer ≥ 1.21
// with max_prepared_statements > 0 (README, "PostgreSQL").
import { createHash } from 'node:crypto';

const MARKER = /^\/\* prepare: ([a-z][a-z0-9_]{0,40}) \*\//;
const names = new Map<string, string>(); // only marked texts: a handful

/** The prepared-statement name for this SQL, or undefined to leave it unnamed (Prisma's default). */
export function preparedStatementName(sql: string): string | undefined {
  // The marker first: it fails at the first character of every other statement,
  // where a map lookup would hash each statement's whole text.
  const name = MARKER.exec(sql)?.[1];
  if (!name) return undefined;
  const known = names.get(sql);
  if (known) return known;
  const named = `${name}_${createHash('sha256').update(sql).digest('hex').slice(0, 12)}`;
  names.set(sql, named);
  return named;
}
