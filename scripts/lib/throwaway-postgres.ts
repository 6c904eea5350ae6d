// A PostgreSQL server of this script's own (scripts/postgres.sh on a free port
// and a private directory), never the shared one on 54329: outage tests stop it.
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findFreePort } from './app-server.ts';
import { projectRoot } from './process.ts';

const execFileAsync = promisify(execFile);
const script = path.join(projectRoot, 'scripts', 'postgres.sh');

export type ThrowawayPostgres = {
  adminUrl: string;
  /** Stops the server, keeping its data. */
  pause: () => Promise<void>;
  /** Starts it again on the same data. */
  resume: () => Promise<void>;
  /** Stops it and deletes its data directory. */
  remove: () => Promise<void>;
};

export async function startThrowawayPostgres(label: string): Promise<ThrowawayPostgres> {
  const port = await findFreePort();
  // Directly under the temp dir: as root the server runs as another user, who must reach it.
  const env = { ...process.env, STRONGROOM_PG_PORT: String(port), STRONGROOM_PG_DIR: path.join(os.tmpdir(), `strongroom-pg-${label}-${port}`) };
  const run = async (command: string) => (await execFileAsync(script, [command], { env, encoding: 'utf8' })).stdout.trim();
  const adminUrl = (await run('start')).split('\n').at(-1)!;
  let removed = false;
  const remove = async () => {
    if (removed) return;
    removed = true;
    await run('stop');
  };
  return { adminUrl, pause: async () => void (await run('pause')), resume: async () => void (await run('resume')), remove };
}
