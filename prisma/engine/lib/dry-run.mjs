// `migrate dev` asks evaluateDataLoss what the next migration would destroy.
// The Wasm engine answers that only with a shadow database it cannot get here,
// so we ask `schemaPush({ force: false })` instead, on something disposable
// that holds the same data: it reports warnings and unexecutable steps and, when
// there are none, applies the change, which must then not survive.
//   SQLite:     a snapshot copy of the database file.
//   PostgreSQL: one connection inside a transaction that is rolled back
//               (PostgreSQL DDL is transactional).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { createAdapterFactory, fixPg, skipAdvisoryLock } from './adapters.mjs';
import { sqliteFiles } from './datasource.mjs';

/**
 * @param {{
 *   bindings: typeof import('@prisma/schema-engine-wasm'),
 *   target: import('./datasource.mjs').Target,
 *   main: { liveMain(): any },
 *   datamodels: [string, string][],
 *   input: import('@prisma/schema-engine-wasm').SchemaPushInput,
 * }} options
 * @returns {Promise<import('@prisma/schema-engine-wasm').SchemaPushOutput>}
 */
export async function dryRunPush({ bindings, target, main, datamodels, input }) {
  const push = async (/** @type {any} */ factory) => {
    const engine = await bindings.SchemaEngine.new({ datamodels }, () => {}, bindMigrationAwareSqlAdapterFactory(factory));
    try {
      return await engine.schemaPush({ ...input, force: false });
    } finally {
      engine.free();
    }
  };
  return target.provider === 'sqlite' ? sqliteDryRun(target, main, push) : postgresDryRun(target, push);
}

/**
 * @param {import('./datasource.mjs').SqliteTarget} target
 * @param {{ liveMain(): any }} main
 * @param {(factory: any) => Promise<any>} push
 */
async function sqliteDryRun(target, main, push) {
  const copy = path.join(os.tmpdir(), `strongroom-dry-run-${randomUUID()}.db`);
  // The engine's own connection may hold SQLite's exclusive lock: snapshot through it.
  const live = main.liveMain();
  if (live) fs.writeFileSync(copy, await live.serialize());
  else if (fs.existsSync(target.filePath)) fs.copyFileSync(target.filePath, copy);
  const factory = createAdapterFactory({ provider: 'sqlite', url: `file:${copy}`, filePath: copy });
  try {
    return await push(factory);
  } finally {
    await factory.disposeAll();
    for (const file of sqliteFiles(copy)) fs.rmSync(file, { force: true });
  }
}

/**
 * @param {import('./datasource.mjs').PostgresTarget} target
 * @param {(factory: any) => Promise<any>} push
 */
async function postgresDryRun(target, push) {
  const { default: pg } = await import('pg');
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const client = new pg.Client(target.config);
  await client.connect();
  let savepoints = 0;
  const factory = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    async connect() {
      const adapter = /** @type {any} */ (await new PrismaPg(target.config, { schema: target.schema }).connect());
      const unusedPool = adapter.client;
      adapter.client = client; // every statement on the one connection inside BEGIN … ROLLBACK
      adapter.dispose = () => unusedPool.end();
      adapter.startTransaction = async () => {
        const name = `strongroom_dry_run_${++savepoints}`;
        await client.query(`SAVEPOINT ${name}`);
        return Object.assign(Object.create(adapter), {
          options: { usePhantomQuery: false },
          commit: async () => void (await client.query(`RELEASE SAVEPOINT ${name}`)),
          rollback: async () => void (await client.query(`ROLLBACK TO SAVEPOINT ${name}`)),
        });
      };
      return skipAdvisoryLock(fixPg(adapter));
    },
    async connectToShadowDb() {
      throw new Error('a dry run needs no shadow database');
    },
  };
  try {
    await client.query('BEGIN');
    return await push(factory);
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    await client.end().catch(() => {});
  }
}
