// Driver adapter factories handed to the Wasm schema engine, with the fixes
// the stock adapters need when they serve migrations rather than queries.
// Each fix has a test in prisma/engine/*.test.ts.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { log } from './log.mjs';

const PG_CHAR_OID = 18; // the internal one-byte "char" type (pg_constraint.contype, …)
const PG_TEXT_OID = 25;

/**
 * A migration-aware adapter factory (connect + connectToShadowDb) that keeps
 * track of every connection it opened, so they can all be closed on reset,
 * SIGTERM and exit.
 * @param {import('./datasource.mjs').Target} target
 */
export function createAdapterFactory(target) {
  return target.provider === 'sqlite' ? new SqliteFactory(target) : new PgFactory(target);
}

class TrackingFactory {
  /** @type {Set<{ dispose(): Promise<void> }>} */
  #live = new Set();

  /** @template {{ dispose(): Promise<void> }} A @param {A} adapter @returns {A} */
  track(adapter) {
    const dispose = adapter.dispose.bind(adapter);
    let disposed = false;
    adapter.dispose = async () => {
      if (disposed) return;
      disposed = true;
      this.#live.delete(adapter);
      await dispose();
    };
    this.#live.add(adapter);
    return adapter;
  }

  /** Closes every connection still open (pools, SQLite handles, shadow databases). */
  async disposeAll() {
    const results = await Promise.allSettled([...this.#live].map((a) => a.dispose()));
    for (const r of results) if (r.status === 'rejected') log('WARN', { message: `closing a connection failed: ${r.reason}` });
  }
}

class SqliteFactory extends TrackingFactory {
  provider = /** @type {const} */ ('sqlite');
  adapterName = '@prisma/adapter-better-sqlite3';

  /** @param {import('./datasource.mjs').SqliteTarget} target */
  constructor(target) {
    super();
    this.target = target;
  }

  async connect() {
    const { filePath } = this.target;
    if (filePath !== ':memory:' && !fs.existsSync(path.dirname(filePath))) {
      throw new Error(`Cannot open the SQLite database ${filePath}: directory ${path.dirname(filePath)} does not exist`);
    }
    return this.track(await openSqlite(filePath));
  }

  // The shadow database (replaying the migrations folder) is a private in-memory one.
  async connectToShadowDb() {
    return this.track(await openSqlite(':memory:'));
  }
}

/** @param {string} filePath */
async function openSqlite(filePath) {
  const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
  const adapter = await new PrismaBetterSqlite3({ url: filePath }).connect();
  allowSqliteScripts(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (/** @type {any} */ level) => allowSqliteScripts(await startTransaction(level));
  return adapter;
}

/**
 * The engine sends some multi-statement SQL (shadow-database replay, reset)
 * through executeRaw, which better-sqlite3 refuses to prepare ("contains more
 * than one statement"). Parameterless scripts go to `exec` instead.
 * @template {object} Q @param {Q} queryable @returns {Q}
 */
function allowSqliteScripts(queryable) {
  const q = /** @type {any} */ (queryable);
  const executeRaw = q.executeRaw.bind(q);
  q.executeRaw = async (/** @type {{ sql: string, args: unknown[] }} */ query) => {
    try {
      return await executeRaw(query);
    } catch (e) {
      if (!(e instanceof RangeError && /more than one statement/.test(e.message) && query.args.length === 0)) throw e;
      try {
        q.client.exec(query.sql);
      } catch (execError) {
        q.onError(execError);
      }
      return 0;
    }
  };
  return queryable;
}

class PgFactory extends TrackingFactory {
  provider = /** @type {const} */ ('postgres');
  adapterName = '@prisma/adapter-pg';

  /** @param {import('./datasource.mjs').PostgresTarget} target */
  constructor(target) {
    super();
    this.target = target;
  }

  /** @param {string} [database] */
  async #open(database) {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    const config = database ? { ...this.target.config, database } : this.target.config;
    return fixPg(await new PrismaPg(config, { schema: this.target.schema }).connect());
  }

  async connect() {
    return this.track(await this.#open());
  }

  /**
   * PrismaPg's own shadow database is created from a pool whose connection
   * string overrides the database name, and is dropped while its pool is still
   * connected. Ours: discrete config, pool closed first, then DROP … WITH (FORCE).
   */
  async connectToShadowDb() {
    const admin = await this.#open();
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    try {
      await admin.executeScript(`CREATE DATABASE "${name}"`);
    } catch (e) {
      await admin.dispose();
      throw e;
    }
    const shadow = await this.#open(name);
    const closeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      try {
        await closeShadow();
        await dropDatabase(admin, name);
      } finally {
        await admin.dispose();
      }
    };
    return this.track(shadow);
  }
}

/** @param {any} admin @param {string} name */
async function dropDatabase(admin, name) {
  try {
    await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } catch {
    // PostgreSQL < 13 has no WITH (FORCE); the pool is closed by now anyway.
    await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
  }
}

/**
 * - executeScript: PrismaPg splits scripts on ";" (breaking quoted semicolons
 *   and dollar-quoted bodies) and runs the pieces one by one, so a failing
 *   migration is left half-applied. One simple-protocol query runs the script
 *   whole, in one implicit transaction, as the native engine does.
 * - The internal "char" type (OID 18), returned by catalog introspection, has
 *   no column-type mapping in PrismaPg; it is text for our purposes.
 * @template {object} A @param {A} adapter @returns {A}
 */
function fixPg(adapter) {
  const a = /** @type {any} */ (adapter);
  a.executeScript = async (/** @type {string} */ script) => {
    try {
      await a.client.query(script);
    } catch (e) {
      a.onError(e);
    }
  };
  mapCharToText(a);
  const startTransaction = a.startTransaction.bind(a);
  a.startTransaction = async (/** @type {any} */ level) => mapCharToText(await startTransaction(level));
  return adapter;
}

/** @param {any} queryable */
function mapCharToText(queryable) {
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (/** @type {any} */ query) => {
    const result = await performIO(query);
    for (const field of result?.fields ?? []) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    return result;
  };
  return queryable;
}
