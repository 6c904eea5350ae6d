// A second app server for specs that need another configuration: tiny idle and
// absolute timeouts, or a rotated SESSION_SECRETS over the same database. It
// runs the same production build as the main e2e server on its own free port.
//   database 'copy'  — a consistent snapshot of the main e2e database (seeded users)
//   database 'shared' — the main server's database file itself (sessions carry over)
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { findFreePort } from '../../scripts/lib/app-server.ts';
import { localBin, projectRoot } from '../../scripts/lib/process.ts';
import { waitForHttp } from '../../scripts/lib/next-server.ts';
import { e2eDatabaseFile, e2eServerEnv } from './environment.ts';

export type ExtraServer = { baseURL: string; databaseFile: string; stop: () => Promise<void> };

export async function startExtraServer(options: {
  env: Record<string, string>;
  database: 'copy' | 'shared';
}): Promise<ExtraServer> {
  const port = await findFreePort();
  let databaseFile = e2eDatabaseFile;
  if (options.database === 'copy') {
    databaseFile = path.join(path.dirname(e2eDatabaseFile), `extra-${port}.db`);
    // SQLite's online backup: a consistent copy even while the main server writes.
    const source = new Database(e2eDatabaseFile, { readonly: true });
    await source.backup(databaseFile);
    source.close();
  }
  // next start sets NODE_ENV itself; an inherited "test" would be wrong.
  const { NODE_ENV: _inherited, ...inherited } = process.env;
  // options.env comes last: a spec may even point DATABASE_URL somewhere unreachable.
  const env: Record<string, string | undefined> = {
    ...inherited,
    ...e2eServerEnv,
    DATABASE_URL: `file:${databaseFile}`,
    ...options.env,
    PORT: String(port),
  };
  const child: ChildProcess = spawn(localBin('tsx'), ['scripts/serve.ts', '--port', String(port), '--hostname', 'localhost'], {
    cwd: projectRoot,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseURL = `http://localhost:${port}`;
  if (!(await waitForHttp(`${baseURL}/api/health`, 60_000, child))) {
    child.kill('SIGKILL');
    throw new Error(`extra e2e server on ${baseURL} did not start`);
  }
  return {
    baseURL,
    databaseFile,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (options.database === 'copy') fs.rmSync(databaseFile, { force: true });
    },
  };
}
