// Runs once per `vitest run`: builds one migrated template database, which every
// worker then copies (test/setup.ts). SQLite by default; PostgreSQL when
// TEST_DATABASE_URL is a postgres:// URL (any database on the server the tests
// may create and drop databases on, e.g. the admin URL of scripts/postgres.sh).
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { projectRoot, resolveDatabase } from '../lib/config/database-url.ts';
import { migrateDeploy } from '../scripts/lib/database.ts';
import type { TestDatabaseInfo } from './database-info.ts';
import { databaseUrl, dropDatabasesWithPrefix, recreateDatabase } from './pg-admin.ts';

const vitestDir = path.join(projectRoot, '.tmp', 'vitest');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Leftovers of runs that crashed before their teardown (their pid is gone). */
function removeStaleRunDirectories(): void {
  if (!fs.existsSync(vitestDir)) return;
  for (const entry of fs.readdirSync(vitestDir)) {
    const pid = Number(/^run-(\d+)$/.exec(entry)?.[1]);
    if (pid && pid !== process.pid && !isAlive(pid)) fs.rmSync(path.join(vitestDir, entry), { recursive: true, force: true });
  }
}

async function setUpSqlite(): Promise<{ info: TestDatabaseInfo; teardown: () => Promise<void> }> {
  removeStaleRunDirectories();
  // One folder per run, so two `vitest run`s in the same checkout do not collide.
  const dir = path.join(vitestDir, `run-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const template = path.join(dir, 'template.db');
  await migrateDeploy(`file:${template}`, { quiet: true });
  if (!fs.existsSync(template)) fs.writeFileSync(template, ''); // no migrations yet: an empty database
  return {
    info: { provider: 'sqlite', template, dir },
    teardown: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function setUpPostgres(serverUrl: string): Promise<{ info: TestDatabaseInfo; teardown: () => Promise<void> }> {
  const prefix = `strongroom_test_${process.pid}`;
  const template = `${prefix}_template`;
  await recreateDatabase(serverUrl, template);
  await migrateDeploy(databaseUrl(serverUrl, template), { quiet: true });
  return {
    info: { provider: 'postgresql', adminUrl: serverUrl, template, prefix },
    teardown: () => dropDatabasesWithPrefix(serverUrl, prefix),
  };
}

export default async function globalSetup(project: TestProject): Promise<() => Promise<void>> {
  const requested = process.env.TEST_DATABASE_URL?.trim();
  const target = requested ? resolveDatabase(requested) : undefined;
  if (requested && target?.provider !== 'postgresql') {
    throw new Error('TEST_DATABASE_URL must be a postgresql:// URL (leave it unset for SQLite)');
  }
  const started = Date.now();
  const { info, teardown } = target ? await setUpPostgres(target.url) : await setUpSqlite();
  console.log(`[test db] ${info.provider} template migrated in ${Date.now() - started} ms`);
  project.provide('testDatabase', info);
  return teardown;
}
