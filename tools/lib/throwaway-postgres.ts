// A PostgreSQL 15 server of the caller's own (scripts/postgres.sh on a free port,
// its data in a private temp directory), never the shared one on 54329: for
// `npm run cluster`, the cluster e2e and the outage check, which stops it.
// stop() deletes it, and runs by itself when the process exits.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { findFreePort } from './app-server.ts';
import { CommandError, projectRoot } from '../../scripts/lib/process.ts';

export type ThrowawayPostgres = {
  adminURL: string;
  port: number;
  /** Stops the server, keeping its data. */
  pause: () => void;
  /** Starts it again on the same data. */
  resume: () => void;
  /** Stops it and deletes its data directory. */
  stop: () => void;
};

const script = path.join(projectRoot, 'scripts', 'postgres.sh');

export async function startThrowawayPostgres(label = 'throwaway'): Promise<ThrowawayPostgres> {
  const port = await findFreePort();
  // Directly under the temp dir: as root the server runs as another user, who must reach it.
  const env = { ...process.env, STRONGROOM_PG_PORT: String(port), STRONGROOM_PG_DIR: path.join(os.tmpdir(), `strongroom-pg-${label}-${port}`) };
  const run = (command: string) => {
    try {
      return execFileSync(script, [command], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
    } catch {
      throw new CommandError(`A throwaway PostgreSQL failed to ${command} (scripts/postgres.sh ${command}).`);
    }
  };
  const adminURL = run('start').split('\n').at(-1)!;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    run('stop');
  };
  process.once('exit', stop);
  return { adminURL, port, pause: () => void run('pause'), resume: () => void run('resume'), stop };
}

/** An empty database `name` on the server `adminURL` names; returns its URL. */
export async function recreateDatabase(adminURL: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const client = new pg.Client({ connectionString: adminURL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return adminURL.replace(/\/[^/]*$/, `/${name}`);
}
