// A second app server for specs that need another configuration: tiny idle and
// absolute timeouts, or a rotated SESSION_SECRETS over the same database. It
// runs the same production build as the main e2e server on its own free port.
//   database 'copy'  — a consistent snapshot of the main e2e database (seeded users)
//   database 'shared' — the main server's database file itself (sessions carry over)
//   prepare          — changes the copy before the server starts (e.g. without the demo users)
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { findFreePort, startAppServer } from '../../tools/lib/app-server.ts';
import { e2eDatabaseFile, e2eServerEnv } from './environment.ts';

export type ExtraServer = { baseURL: string; databaseFile: string; stop: () => Promise<void> };

export async function startExtraServer(options: {
  env: Record<string, string>;
  database: 'copy' | 'shared';
  /** Plain `next start` instead of the production server (server.ts): ADR 033. */
  plainNextStart?: boolean;
  /** Runs on the copied database file before the server starts ('copy' only). */
  prepare?: (database: Database.Database) => void;
}): Promise<ExtraServer> {
  const port = await findFreePort();
  let databaseFile = e2eDatabaseFile;
  if (options.database === 'copy') {
    databaseFile = path.join(path.dirname(e2eDatabaseFile), `extra-${port}.db`);
    // SQLite's online backup: a consistent copy even while the main server writes.
    const source = new Database(e2eDatabaseFile, { readonly: true });
    await source.backup(databaseFile);
    source.close();
    if (options.prepare) {
      const copy = new Database(databaseFile);
      options.prepare(copy);
      copy.close();
    }
  }
  // options.env comes last: a spec may even point DATABASE_URL somewhere unreachable.
  // localhost, like the main e2e server (Next rewrites a 127.x host to localhost).
  const server = await startAppServer({
    env: { ...e2eServerEnv, DATABASE_URL: `file:${databaseFile}`, ...options.env },
    port,
    hostname: 'localhost',
    startTimeoutMs: 60_000,
    plainNextStart: options.plainNextStart,
  });
  return {
    baseURL: server.baseURL,
    databaseFile,
    stop: async () => {
      await server.stop();
      if (options.database === 'copy') fs.rmSync(databaseFile, { force: true });
    },
  };
}
