// `schema-engine cli <command>`: the one-shot commands the CLI runs before a
// migrate command (can-connect-to-database, then create-database on P1003).
// Plain drivers here, no Wasm: these must be quick and precise about errors.
import fs from 'node:fs';
import path from 'node:path';
import { EngineError } from './errors.mjs';
import { sqliteFiles } from './datasource.mjs';

/** @param {import('./datasource.mjs').Target} target */
export async function canConnect(target) {
  if (target.provider === 'sqlite') {
    if (target.filePath === ':memory:') return;
    if (!fs.existsSync(target.filePath)) {
      throw new EngineError(`Database \`${path.basename(target.filePath)}\` does not exist at \`${target.filePath}\`.`, 'P1003');
    }
    const { default: Database } = await import('better-sqlite3');
    try {
      new Database(target.filePath, { fileMustExist: true, timeout: 5000 }).close();
    } catch (e) {
      throw new EngineError(`Cannot open the SQLite database at \`${target.filePath}\`: ${/** @type {Error} */ (e).message}`);
    }
    return;
  }
  await withPgClient(target, target.database, async (client) => void (await client.query('SELECT 1')));
}

/**
 * Creates the database (SQLite: its directory and an empty file); returns its name.
 * @param {import('./datasource.mjs').Target} target
 */
export async function createDatabase(target) {
  if (target.provider === 'sqlite') {
    const { filePath } = target;
    if (filePath === ':memory:') return filePath;
    try {
      makeDirectories(path.dirname(filePath));
      const { default: Database } = await import('better-sqlite3');
      new Database(filePath).close();
    } catch (e) {
      throw new EngineError(`Cannot create the SQLite database at \`${filePath}\`: ${/** @type {Error} */ (e).message}`);
    }
    return path.basename(filePath);
  }
  const name = target.database;
  await withAdminDatabase(target, async (client) => {
    try {
      await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    } catch (e) {
      if (/** @type {any} */ (e).code !== '42P04') throw e; // already exists: fine
    }
  });
  return name;
}

/**
 * `mkdir -p`, one level at a time: Node 20's `mkdirSync(…, { recursive: true })`
 * loops forever when mkdir answers ENOENT under an existing parent (/proc/x).
 * @param {string} dir
 */
function makeDirectories(dir) {
  if (fs.existsSync(dir)) return;
  const parent = path.dirname(dir);
  if (parent !== dir) makeDirectories(parent);
  fs.mkdirSync(dir);
}

/** @param {import('./datasource.mjs').Target} target */
export async function dropDatabase(target) {
  if (target.provider === 'sqlite') {
    for (const file of sqliteFiles(target.filePath)) fs.rmSync(file, { force: true });
    return;
  }
  await withAdminDatabase(target, (client) => client.query(`DROP DATABASE IF EXISTS "${target.database.replaceAll('"', '""')}" WITH (FORCE)`));
}

/**
 * CREATE/DROP DATABASE run from another database: "postgres", else "template1".
 * @param {import('./datasource.mjs').PostgresTarget} target
 * @param {(client: import('pg').Client) => Promise<unknown>} run
 */
async function withAdminDatabase(target, run) {
  try {
    await withPgClient(target, 'postgres', run);
  } catch (e) {
    if (!(e instanceof EngineError && e.code === 'P1003')) throw e;
    await withPgClient(target, 'template1', run);
  }
}

/**
 * @param {import('./datasource.mjs').PostgresTarget} target
 * @param {string} database
 * @param {(client: import('pg').Client) => Promise<unknown>} run
 */
async function withPgClient(target, database, run) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ ...target.config, database });
  client.on('error', () => {}); // a dropped connection surfaces through the query instead
  try {
    await client.connect();
    await run(client);
  } catch (e) {
    throw postgresError(e, target, database);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The native engine's wording for connection failures (P1000–P1003, P1010).
 * @param {any} e @param {import('./datasource.mjs').PostgresTarget} target @param {string} database
 */
export function postgresError(e, target, database) {
  if (e instanceof EngineError) return e;
  const where = `${target.host}:${target.port}`;
  const user = String(target.config.user ?? '');
  switch (e?.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EAI_AGAIN':
    case 'ENOENT': // unix socket missing
      return new EngineError(`Can't reach database server at \`${where}\`\n\nPlease make sure your database server is running at \`${where}\`.`, 'P1001');
    case 'ETIMEDOUT':
      return timeoutError(where);
    case '28P01':
    case '28000':
      return new EngineError(
        `Authentication failed against database server, the provided database credentials for \`${user}\` are not valid.\n\n` +
          `Please make sure to provide valid database credentials for the database server at \`${where}\`.`,
        'P1000',
      );
    case '3D000':
      return new EngineError(`Database \`${database}\` does not exist on the database server at \`${where}\`.`, 'P1003');
    case '42501':
      return new EngineError(`User \`${user}\` was denied access on the database \`${database}\``, 'P1010');
  }
  if (/timeout/i.test(String(e?.message))) return timeoutError(where);
  return new EngineError(`Database error on \`${where}\`: ${e?.message ?? e}`);
}

function timeoutError(/** @type {string} */ where) {
  return new EngineError(
    `The database server at \`${where}\` was reached but timed out.\n\nPlease try again.\n\nPlease make sure your database server is running at \`${where}\`.`,
    'P1002',
  );
}
