// Which database, and which of the two schema variants, a DATABASE_URL means.
// Framework-free configuration parsing: the database client (lib/db), prisma.config.ts, scripts and tests use it.
import path from 'node:path';

export type DatabaseProvider = 'sqlite' | 'postgresql';
export type DatabaseTarget = { provider: DatabaseProvider; url: string };

// Every entry point (npm scripts, next start, the Prisma CLI) runs from the
// project root; bundled server code has no reliable import.meta.dirname.
export const projectRoot = process.cwd();

/** The embedded default: a SQLite file inside the project, outside git. */
export const defaultSqliteUrl = `file:${path.join(/*turbopackIgnore: true*/ projectRoot, '.data', 'strongroom.db')}`;

export function resolveDatabase(databaseUrl: string | undefined): DatabaseTarget {
  const url = databaseUrl?.trim() || defaultSqliteUrl;
  if (/^postgres(ql)?:\/\//i.test(url)) return { provider: 'postgresql', url };
  if (url.startsWith('file:')) return { provider: 'sqlite', url };
  throw new Error(
    `DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL); got "${url.split(':')[0]}:…"`,
  );
}

/** Filesystem path of a `file:` URL (relative paths are taken from the project root). */
export function sqliteFilePath(url: string): string {
  const [file = ''] = url.slice('file:'.length).split('?');
  return path.isAbsolute(file) ? file : path.join(/*turbopackIgnore: true*/ projectRoot, file);
}
