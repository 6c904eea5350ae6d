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
  /** @type {Map<{ dispose(): Promise<void> }, 'main' | 'shadow'>} */
  #live = new Map();

  /**
   * @template {{ dispose(): Promise<void> }} A
   * @param {A} adapter @param {'main' | 'shadow'} kind @returns {A}
   */
  track(adapter, kind) {
    const dispose = adapter.dispose.bind(adapter);
    let disposed = false;
    adapter.dispose = async () => {
      if (disposed) return;
      disposed = true;
      this.#live.delete(adapter);
      await dispose();
    };
    this.#live.set(adapter, kind);
    return adapter;
  }

  /** An open connection to the main database, if the engine holds one. */
  liveMain() {
    for (const [adapter, kind] of this.#live) if (kind === 'main') return /** @type {any} */ (adapter);
    return undefined;
  }

  /** Closes every connection still open (pools, SQLite handles, shadow databases). */
  async disposeAll() {
    const results = await Promise.allSettled([...this.#live.keys()].map((a) => a.dispose()));
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

  // Opened on first use: the Wasm engine connects when it starts, even for a
  // diff that never touches the database, and opening creates the file.
  async connect() {
    const { filePath } = this.target;
    return this.track(lazySqlite(filePath), 'main');
  }

  // The shadow database (replaying the migrations folder) is a private in-memory one.
  async connectToShadowDb() {
    return this.track(await openSqlite(':memory:'), 'shadow');
  }
}

/**
 * A SQLite adapter that opens its file on the first statement.
 * @param {string} filePath
 */
function lazySqlite(filePath) {
  /** @type {Promise<any> | undefined} */
  let opened;
  const open = () => {
    if (filePath !== ':memory:' && !fs.existsSync(path.dirname(filePath))) {
      throw new Error(`Cannot open the SQLite database ${filePath}: directory ${path.dirname(filePath)} does not exist`);
    }
    return (opened ??= openSqlite(filePath));
  };
  return {
    provider: /** @type {const} */ ('sqlite'),
    adapterName: '@prisma/adapter-better-sqlite3',
    queryRaw: async (/** @type {any} */ q) => (await open()).queryRaw(q),
    executeRaw: async (/** @type {any} */ q) => (await open()).executeRaw(q),
    executeScript: async (/** @type {string} */ s) => (await open()).executeScript(s),
    startTransaction: async (/** @type {any} */ l) => (await open()).startTransaction(l),
    /** The database as bytes, read through this connection (which may hold the file's lock). */
    serialize: async () => /** @type {Buffer} */ ((await open()).client.serialize()),
    dispose: async () => {
      const adapter = await opened?.catch(() => undefined);
      await adapter?.dispose();
    },
  };
}

/** @param {string} filePath */
export async function openSqlite(filePath) {
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
    return this.track(pinAdvisoryLock(await this.#open()), 'main');
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
    return this.track(shadow, 'shadow');
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
export function fixPg(adapter) {
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

const ADVISORY_LOCK = /^\s*SELECT\s+pg_advisory_(un)?lock\s*\(/i;

/**
 * The engine takes `pg_advisory_lock` once per command and, like the native
 * engine, expects to hold it on its connection until it exits. Through a pool
 * the lock would stay with whichever idle client ran it, and a later lock call
 * landing on another client would wait for that one. Run lock calls on one
 * client kept out of the pool for the adapter's lifetime.
 * @template {object} A @param {A} adapter @returns {A}
 */
function pinAdvisoryLock(adapter) {
  const a = /** @type {any} */ (adapter);
  /** @type {Promise<any> | undefined} */
  let pinned;
  const performIO = a.performIO.bind(a);
  a.performIO = async (/** @type {{ sql: string }} */ query) => {
    if (!ADVISORY_LOCK.test(query.sql)) return performIO(query);
    try {
      pinned ??= a.client.connect();
      const client = await pinned;
      return mapCharFields(await client.query({ text: query.sql, values: [], rowMode: 'array' }));
    } catch (e) {
      a.onError(e);
    }
  };
  const dispose = a.dispose.bind(a);
  a.dispose = async () => {
    const client = await pinned?.catch(() => undefined);
    client?.release(true); // destroys the session, releasing its locks
    await dispose();
  };
  return adapter;
}

/**
 * A dry run shares the data but must not wait for the main connection's lock.
 * @template {object} A @param {A} adapter @returns {A}
 */
export function skipAdvisoryLock(adapter) {
  const a = /** @type {any} */ (adapter);
  const performIO = a.performIO.bind(a);
  a.performIO = async (/** @type {{ sql: string }} */ query) =>
    ADVISORY_LOCK.test(query.sql) ? { fields: [], rows: [], rowCount: 0 } : performIO(query);
  return adapter;
}

/** @param {any} result */
function mapCharFields(result) {
  for (const field of result?.fields ?? []) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
  return result;
}

/** @param {any} queryable */
function mapCharToText(queryable) {
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (/** @type {any} */ query) => {
    return mapCharFields(await performIO(query));
  };
  return queryable;
}
