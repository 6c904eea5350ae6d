// A throwaway PostgreSQL 15 of our own (scripts/postgres.sh on a free port, its
// data in a temp directory), for `npm run cluster` and tests that must not share
// a server. stop() deletes it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { findFreePort } from './app-server.ts';
import { CommandError, projectRoot } from './process.ts';

export type ThrowawayPostgres = { adminURL: string; port: number; stop: () => void };

const script = path.join(projectRoot, 'scripts', 'postgres.sh');

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const port = await findFreePort();
  const env = { ...process.env, STRONGROOM_PG_PORT: String(port) };
  let adminURL: string;
  try {
    adminURL = execFileSync(script, ['start'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').at(-1)!;
  } catch {
    throw new CommandError('Starting a throwaway PostgreSQL failed (scripts/postgres.sh start).');
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    execFileSync(script, ['stop'], { env, stdio: 'ignore' });
  };
  process.once('exit', stop);
  return { adminURL, port, stop };
}

/** An empty database `name` on the server `adminURL` names; returns its URL. */
export async function recreateDatabase(adminURL: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
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
