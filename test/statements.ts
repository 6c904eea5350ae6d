// Counting what a piece of work costs the database, statement by statement
// (from Prisma's query events: createDbClient's onQuery). Used by the
// statement-count test (lib/dal/authenticate-request.test.ts) and by `npm run bench`;
// test support rather than lib/, since the app itself never counts statements.
export type StatementKind = 'read' | 'write' | 'other';

export function classifyStatement(sql: string): StatementKind {
  // Leading comments (`/* prepare: … */`, lib/db/prepared-statements.ts) are not the verb.
  const verb = /^\s*(?:\/\*[\s\S]*?\*\/\s*)*(\w+)/.exec(sql)?.[1]?.toUpperCase();
  if (verb === 'SELECT' || verb === 'WITH') return 'read';
  if (verb === 'INSERT' || verb === 'UPDATE' || verb === 'DELETE') return 'write';
  return 'other'; // BEGIN, COMMIT, PRAGMA, …
}

/** A write to the session table (touch, rotation, revocation). */
export const isSessionWrite = (sql: string) => classifyStatement(sql) === 'write' && /^\s*\w+\s+(?:INTO\s+)?(?:[`"]?\w+[`"]?\.)?[`"]?Session[`"]?\s/i.test(sql);

export type StatementCounts = Record<StatementKind, number> & { sessionWrites: number };

export type StatementCounter = {
  onQuery: (sql: string) => void;
  counts: () => StatementCounts;
  /** The first statements since the last reset (for a failure message). */
  statements: string[];
  reset: () => void;
};

const KEEP = 20;

export function createStatementCounter(): StatementCounter {
  const statements: string[] = [];
  let counts: StatementCounts = { read: 0, write: 0, other: 0, sessionWrites: 0 };
  return {
    onQuery: (sql) => {
      counts[classifyStatement(sql)]++;
      if (isSessionWrite(sql)) counts.sessionWrites++;
      if (statements.length < KEEP) statements.push(sql);
    },
    statements,
    counts: () => ({ ...counts }),
    reset: () => {
      statements.splice(0);
      counts = { read: 0, write: 0, other: 0, sessionWrites: 0 };
    },
  };
}
