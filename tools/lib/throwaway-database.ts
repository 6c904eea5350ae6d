// Fresh databases for load tests and benchmarks: an SQLite file under .tmp, or a
// database on the throwaway PostgreSQL (scripts/postgres.sh, started if need
// be; stopped again afterwards only if this started it).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { recreateDatabase } from './throwaway-postgres.ts';
import { projectRoot } from '../../scripts/lib/process.ts';

export type ThrowawayDatabase = { url: string; cleanup: () => Promise<void> };

/** `.tmp/<label>/<pid>/<label>.db`, deleted by cleanup. */
export function createThrowawaySqliteDatabase(label: string): ThrowawayDatabase {
  const dir = path.join(projectRoot, '.tmp', label, String(process.pid));
  fs.mkdirSync(dir, { recursive: true });
  return { url: `file:${path.join(dir, `${label}.db`)}`, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export async function createThrowawayPostgresDatabase(name: string): Promise<ThrowawayDatabase> {
  const script = path.join(projectRoot, 'scripts', 'postgres.sh');
  const wasRunning = (() => {
    try {
      execFileSync(script, ['status'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  const admin = execFileSync(script, ['start'], { encoding: 'utf8' }).trim().split('\n').at(-1)!;
  return {
    url: await recreateDatabase(admin, name),
    cleanup: async () => {
      if (!wasRunning) execFileSync(script, ['stop'], { stdio: 'ignore' });
    },
  };
}
