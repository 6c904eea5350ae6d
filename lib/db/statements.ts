// Counting what a piece of work costs the database, statement by statement
// (from Prisma's query events: createDbClient's onQuery). Used by the
// statement-count test and by `npm run bench`.
export type StatementKind = 'read' | 'write' | 'other';

export function classifyStatement(sql: string): StatementKind {
  const verb = /^\s*(?:WITH\b[\s\S]*?\)\s*)?(\w+)/i.exec(sql)?.[1]?.toUpperCase();
  if (verb === 'SELECT') return 'read';
  if (verb === 'INSERT' || verb === 'UPDATE' || verb === 'DELETE') return 'write';
  return 'other'; // BEGIN, COMMIT, PRAGMA, …
}

export type StatementCounter = { onQuery: (sql: string) => void; counts: () => Record<StatementKind, number>; statements: string[]; reset: () => void };

export function createStatementCounter(): StatementCounter {
  const statements: string[] = [];
  return {
    onQuery: (sql) => void statements.push(sql),
    statements,
    counts: () => {
      const counts: Record<StatementKind, number> = { read: 0, write: 0, other: 0 };
      for (const sql of statements) counts[classifyStatement(sql)]++;
      return counts;
    },
    reset: () => void statements.splice(0),
  };
}
