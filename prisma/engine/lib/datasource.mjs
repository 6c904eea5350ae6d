// What the --datasource URL points at, in the shape each driver adapter wants.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/**
 * @typedef {{ provider: 'sqlite', url: string, filePath: string }} SqliteTarget
 * @typedef {{ provider: 'postgresql', url: string, config: import('pg').PoolConfig, schema: string, database: string, host: string, port: number }} PostgresTarget
 * @typedef {SqliteTarget | PostgresTarget} Target
 */

/** Provider declared in a Prisma schema (`provider = "sqlite"` in the datasource block). */
export function providerOfDatamodels(/** @type {[string, string][]} */ datamodels) {
  for (const [, content] of datamodels) {
    const block = /datasource\s+\w+\s*\{([^}]*)\}/.exec(content);
    const provider = block && /provider\s*=\s*"([^"]+)"/.exec(block[1] ?? '');
    if (provider?.[1]) return normaliseProvider(provider[1]);
  }
  return undefined;
}

/** @param {string} provider */
export function normaliseProvider(provider) {
  if (provider === 'postgres') return 'postgresql';
  return provider;
}

/** @param {string} url */
export function providerOfUrl(url) {
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgresql';
  if (url.startsWith('file:')) return 'sqlite';
  return undefined;
}

/**
 * @param {string} url
 * @param {string} [cwd] relative SQLite paths resolve from here (the CLI runs us in the project root)
 * @returns {Target}
 */
export function parseDatasourceUrl(url, cwd = process.cwd()) {
  const provider = providerOfUrl(url);
  if (provider === 'sqlite') {
    const file = decodeURIComponent(url.slice('file:'.length).split('?')[0] ?? '');
    if (!file) throw new Error('The SQLite URL names no file (expected file:./path/to.db)');
    return { provider, url, filePath: file === ':memory:' ? file : path.resolve(cwd, file) };
  }
  if (provider === 'postgresql') return parsePostgresUrl(url);
  throw new Error(
    `Unsupported datasource URL scheme "${url.split(':')[0]}:". This offline engine speaks SQLite (file:) and PostgreSQL (postgresql://).`,
  );
}

// Query parameters that mean something to Prisma, not to node-postgres.
const PRISMA_ONLY_PARAMS = ['schema', 'connection_limit', 'pool_timeout', 'connect_timeout', 'socket_timeout', 'pgbouncer', 'statement_cache_size', 'sslaccept', 'sslmode', 'uselibpqcompat'];

/**
 * Discrete host/port/user/password/database, never `connectionString`:
 * PrismaPg builds its shadow-database pool as `{...config, database}`, and a
 * connection string in that config would win over `database`, so the shadow
 * replay would run on the main database.
 * @param {string} url
 * @returns {PostgresTarget}
 */
function parsePostgresUrl(url) {
  // pg-connection-string comes with pg; resolve it through pg so hoisting does not matter.
  const requireFromPg = createRequire(createRequire(import.meta.url).resolve('pg'));
  /** @type {typeof import('pg-connection-string')} */
  const { parse, toClientConfig } = requireFromPg('pg-connection-string');
  const parsed = parse(url);
  const params = new URL(url.replace(/^postgres(ql)?:/i, 'http:')).searchParams;
  /** @type {Record<string, unknown>} */
  const config = { ...toClientConfig(parsed) };
  for (const key of PRISMA_ONLY_PARAMS) delete config[key];
  if (params.get('sslmode') === 'disable') config.ssl = false;
  const connectTimeout = Number(params.get('connect_timeout') ?? 5);
  config.connectionTimeoutMillis = connectTimeout > 0 ? connectTimeout * 1000 : 0;
  config.host ??= 'localhost';
  config.port = Number(config.port) || 5432;
  config.database ||= 'postgres';
  config.application_name ??= 'strongroom-schema-engine';
  return {
    provider: 'postgresql',
    url,
    config: /** @type {import('pg').PoolConfig} */ (config),
    schema: params.get('schema') || 'public',
    database: String(config.database),
    host: String(config.host),
    port: Number(config.port),
  };
}

/** SQLite files that belong to a database (journal, WAL). */
export function sqliteFiles(/** @type {string} */ filePath) {
  return [filePath, `${filePath}-journal`, `${filePath}-wal`, `${filePath}-shm`];
}

export function sqliteExists(/** @type {string} */ filePath) {
  return filePath === ':memory:' || fs.existsSync(filePath);
}
