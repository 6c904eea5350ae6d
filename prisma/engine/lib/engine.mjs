// The schema engine's JSON-RPC methods, served by the Wasm engine, with the
// gaps between the Wasm build and what the CLI expects from the native binary
// filled in here. Every workaround names the pitfall it handles.
import fs from 'node:fs';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { createAdapterFactory } from './adapters.mjs';
import { parseDatasourceUrl, providerOfDatamodels, providerOfUrl, normaliseProvider, sqliteFiles } from './datasource.mjs';
import { dryRunPush } from './dry-run.mjs';
import { EngineError, failedMigrationName, cleanMessage } from './errors.mjs';
import { forwardWasmLog, log } from './log.mjs';
import { createDatabase } from './oneshot.mjs';
import { loadWasm, takePanicMessage, WasmPanic } from './wasm.mjs';

/** @typedef {import('@prisma/schema-engine-wasm').MigrationList} MigrationList */
/** @typedef {import('@prisma/schema-engine-wasm').SchemaFilter} SchemaFilter */
/** @typedef {import('@prisma/schema-engine-wasm').SchemasContainer} SchemasContainer */

export class OfflineSchemaEngine {
  /** @type {{ engine: import('@prisma/schema-engine-wasm').SchemaEngine, factory: ReturnType<typeof createAdapterFactory> } | undefined} */
  #current;
  /** Errors raised by the driver adapters, which Wasm errors refer to by id. */
  #registry = /** @type {any} */ (undefined);

  /**
   * @param {{ datamodels: [string, string][], datasource?: { url?: string }, cwd?: string }} options
   */
  constructor({ datamodels, datasource, cwd = process.cwd() }) {
    this.datamodels = datamodels;
    this.url = datasource?.url;
    this.cwd = cwd;
  }

  /** 'sqlite' | 'postgresql', from the URL, else from the schema. */
  provider(/** @type {[string, string][]} */ datamodels = this.datamodels) {
    const provider = (this.url && providerOfUrl(this.url)) || providerOfDatamodels(datamodels);
    if (!provider) throw new EngineError('Cannot tell the database provider: no datasource URL and no datasource block in the schema.');
    if (provider !== 'sqlite' && provider !== 'postgresql') {
      throw new EngineError(`The offline schema engine supports SQLite and PostgreSQL, not "${provider}".`);
    }
    return provider;
  }

  target(/** @type {[string, string][]} */ datamodels = this.datamodels) {
    if (this.url) return parseDatasourceUrl(this.url, this.cwd);
    if (this.provider(datamodels) === 'sqlite') return parseDatasourceUrl('file::memory:');
    throw new EngineError('No datasource URL: set datasource.url in prisma.config.ts (DATABASE_URL).');
  }

  /** The Wasm engine, created on first use. */
  async #wasm(/** @type {[string, string][]} */ datamodels = this.datamodels) {
    if (this.#current) return this.#current;
    const bindings = await loadWasm();
    // Pitfall: without datamodels the Wasm engine knows no connector and diff panics.
    const models = datamodels.length > 0 ? datamodels : [['schema.prisma', `datasource db {\n  provider = "${this.provider()}"\n}\n`]];
    const factory = createAdapterFactory(this.target(/** @type {[string, string][]} */ (models)));
    const bound = bindMigrationAwareSqlAdapterFactory(/** @type {any} */ (factory));
    this.#registry = bound.errorRegistry;
    const engine = await bindings.SchemaEngine.new({ datamodels: /** @type {[string, string][]} */ (models) }, forwardWasmLog, bound);
    this.#current = { engine, factory };
    this.datamodels = /** @type {[string, string][]} */ (models);
    return this.#current;
  }

  /** Closes every database connection (the CLI kills us when it is done). */
  async close() {
    const current = this.#current;
    this.#current = undefined;
    if (!current) return;
    await current.factory.disposeAll();
    try {
      current.engine.free();
    } catch {
      // already freed, or the module trapped: nothing to release
    }
  }

  /**
   * Runs one JSON-RPC method.
   * @param {string} method
   * @param {any} params
   * @param {{ print(content: string): Promise<void> }} client
   */
  async call(method, params, client) {
    const handler = this.#methods[method];
    if (!handler) throw new EngineError(`Unknown or unsupported schema engine method: ${method}`);
    try {
      return await handler(params ?? {}, client);
    } catch (error) {
      throw this.#explain(error, method);
    }
  }

  /** Rewords Wasm errors: panics, failed migrations, JS errors hidden behind ids. */
  #explain(/** @type {any} */ error, /** @type {string} */ method) {
    const panic = takePanicMessage();
    if (panic || error instanceof WebAssembly.RuntimeError) {
      return new WasmPanic(panic ?? String(error?.message ?? error));
    }
    if (error instanceof EngineError || error instanceof WasmPanic) return error;
    const message = String(error?.message ?? error);
    const registry = this.#registry;
    const migration = method === 'applyMigrations' ? failedMigrationName(message) : undefined;
    if (migration && !error?.code) {
      return new EngineError(
        'A migration failed to apply. New migrations cannot be applied before the error is recovered from. ' +
          'Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\n' +
          `Migration name: ${migration}\n\nDatabase error:\n${cleanMessage(message, registry)}`,
        'P3018',
        { migration_name: migration },
      );
    }
    return new EngineError(cleanMessage(message, registry), typeof error?.code === 'string' ? error.code : undefined);
  }

  /** @type {Record<string, (params: any, client: { print(content: string): Promise<void> }) => Promise<unknown>>} */
  #methods = {
    applyMigrations: async (p) => (await this.#wasm()).engine.applyMigrations(this.#withLockfile(p)),
    dbExecute: async (p) => (await this.#wasm()).engine.dbExecute(p),
    debugPanic: async () => (await this.#wasm()).engine.debugPanic(),
    ensureConnectionValidity: async (p) => (await this.#wasm()).engine.ensureConnectionValidity(p),
    getDatabaseVersion: async () => (await this.#wasm()).engine.version(),
    introspect: async (p) => (await this.#wasm()).engine.introspect(p),
    introspectSql: async (p) => (await this.#wasm()).engine.introspectSql(p),
    markMigrationApplied: async (p) => (await this.#wasm()).engine.markMigrationApplied(this.#withLockfile(p)),
    markMigrationRolledBack: async (p) => (await this.#wasm()).engine.markMigrationRolledBack(p),
    schemaPush: async (p) => (await this.#wasm()).engine.schemaPush(p),

    createDatabase: async () => ({ databaseName: await createDatabase(this.target()) }),

    // Pitfall: diagnoseMigrationHistory (SQLite) fails with P1014 when the
    // migrations table does not exist yet instead of saying so. Answer what the
    // native engine answers for a database that was never migrated.
    diagnoseMigrationHistory: async (p) => {
      const input = this.#withLockfile(p);
      try {
        return await (await this.#wasm()).engine.diagnoseMigrationHistory(input);
      } catch (error) {
        if (!isMissingMigrationsTable(error)) throw error;
        const names = input.migrationsList.migrationDirectories.map((/** @type {{ path: string }} */ d) => d.path);
        return {
          editedMigrationNames: [],
          failedMigrationNames: [],
          hasMigrationsTable: false,
          history: names.length > 0 ? { diagnostic: 'databaseIsBehind', unappliedMigrationNames: names } : null,
        };
      }
    },

    // Pitfall: devDiagnostic fails with P1014 on an empty database until the
    // migrations table exists; `migrate dev` creates it right after anyway.
    devDiagnostic: async (p) => {
      const input = this.#withLockfile(p);
      const { engine } = await this.#wasm();
      try {
        return await engine.devDiagnostic(input);
      } catch (error) {
        if (!isMissingMigrationsTable(error)) throw error;
        try {
          await engine.applyMigrations({ migrationsList: { ...input.migrationsList, migrationDirectories: [] }, filters: input.filters });
        } catch (applyError) {
          // P3005: tables but no migration history (e.g. after `db push`). The
          // native engine calls that drift and asks for a reset; so do we.
          if (/** @type {any} */ (applyError)?.code !== 'P3005') throw applyError;
          return { action: { tag: 'reset', reason: 'Drift detected: the database has tables but no migration history (was it created with `prisma db push`?).' } };
        }
        return await engine.devDiagnostic(input);
      }
    },

    // Pitfall: the Wasm createMigration wants an external shadow database.
    // The migration is the diff from the migrations folder (replayed on the
    // adapter's shadow database) to the schema.
    createMigration: async (p) => {
      const input = this.#withLockfile(p);
      this.#checkLockfileProvider(input.migrationsList);
      const { script, steps } = await this.#pendingMigration(input.migrationsList, input.schema, input.filters);
      const name = migrationDirectoryName(input.migrationName);
      return {
        connectorType: this.provider(),
        generatedMigrationName: name,
        migrationScript: steps > 0 || input.draft ? script : null,
        extension: 'sql',
      };
    },

    // Pitfall: evaluateDataLoss needs the same shadow database. Count the steps
    // with diff; find warnings with a dry-run push (see dry-run.mjs).
    evaluateDataLoss: async (p) => {
      const input = this.#withLockfile(p);
      const { steps } = await this.#pendingMigration(input.migrationsList, input.schema, input.filters);
      if (steps === 0) return { migrationSteps: 0, warnings: [], unexecutableSteps: [] };
      const { factory } = await this.#wasm();
      const result = await dryRunPush({
        bindings: await loadWasm(),
        target: this.target(),
        main: factory,
        datamodels: this.datamodels,
        input: { force: false, schema: input.schema, filters: input.filters },
      });
      const feedback = (/** @type {string[]} */ messages) => messages.map((message, stepIndex) => ({ message, stepIndex }));
      return { migrationSteps: steps, warnings: feedback(result.warnings), unexecutableSteps: feedback(result.unexecutable) };
    },

    // The native engine prints the diff through a `print` request to the CLI
    // (the CLI ignores the result's stdout), so do the same.
    diff: async (p, client) => {
      const input = { ...p, from: this.#targetWithLockfile(p.from), to: this.#targetWithLockfile(p.to) };
      const { engine } = await this.#wasm(this.datamodels.length > 0 ? this.datamodels : datamodelsOfTargets(input.from, input.to));
      const result = await engine.diff(input);
      if (result.stdout) await client.print(result.stdout.replace(/\n$/, ''));
      return { exitCode: result.exitCode };
    },

    // Pitfall: the Wasm reset on SQLite deletes rows (or fails), leaving the
    // tables. A reset SQLite database is no file at all: close and delete it.
    reset: async (p) => {
      const target = this.target();
      if (target.provider !== 'sqlite') return (await this.#wasm()).engine.reset(p);
      await this.close();
      if (target.filePath !== ':memory:') for (const file of sqliteFiles(target.filePath)) fs.rmSync(file, { force: true });
      log('INFO', { message: `Reset: deleted ${target.filePath}` });
      return {};
    },
  };

  /**
   * The diff from what the migrations folder builds to the schema.
   * @param {MigrationList} migrationsList @param {SchemasContainer} schema @param {SchemaFilter} filters
   */
  async #pendingMigration(migrationsList, schema, filters) {
    const { engine } = await this.#wasm();
    const result = await engine.diff({
      from: { tag: 'migrations', ...migrationsList },
      to: { tag: 'schemaDatamodel', ...schema },
      script: true,
      exitCode: true,
      filters,
    });
    const script = result.stdout ?? '';
    const steps = result.exitCode === 2 ? Math.max(1, (script.match(/^-- [A-Z]\w*$/gm) ?? []).length) : 0;
    return { script, steps };
  }

  /**
   * Pitfall: a migrations folder without migration_lock.toml (a first
   * migration) leaves the Wasm engine unable to pick a connector for it.
   * @template {{ migrationsList: MigrationList }} T @param {T} params @returns {T}
   */
  #withLockfile(params) {
    return params.migrationsList ? { ...params, migrationsList: this.#lockfileOrDefault(params.migrationsList) } : params;
  }

  /** @param {any} target */
  #targetWithLockfile(target) {
    return target?.tag === 'migrations' ? { ...target, ...this.#lockfileOrDefault(target) } : target;
  }

  /** @param {MigrationList} list @returns {MigrationList} */
  #lockfileOrDefault(list) {
    if (list.lockfile?.content != null) return list;
    const provider = this.url ? this.provider() : providerOfDatamodels(this.datamodels);
    if (!provider) return list;
    return { ...list, lockfile: { path: list.lockfile?.path ?? 'migration_lock.toml', content: `provider = "${provider}"\n` } };
  }

  /** Same check as the native engine (P3019) before writing a migration for another provider. */
  #checkLockfileProvider(/** @type {MigrationList} */ list) {
    const locked = /provider\s*=\s*"([^"]+)"/.exec(list.lockfile?.content ?? '')?.[1];
    const provider = this.provider();
    if (locked && normaliseProvider(locked) !== provider) {
      throw new EngineError(
        `The datasource provider \`${provider}\` specified in your schema does not match the one specified in the migration_lock.toml, \`${locked}\`. ` +
          'Please remove your current migration directory and start a new migration history with prisma migrate dev. Read more: https://pris.ly/d/migrate-provider-switch',
        'P3019',
      );
    }
  }
}

function isMissingMigrationsTable(/** @type {any} */ error) {
  return error?.code === 'P1014' && String(error?.message).includes('_prisma_migrations');
}

/** Schemas named by diff targets, to start the engine with when the CLI passed none. */
function datamodelsOfTargets(/** @type {any[]} */ ...targets) {
  /** @type {[string, string][]} */
  const models = [];
  for (const t of targets) for (const file of t?.files ?? []) models.push([file.path, file.content]);
  return models;
}

/** `20250101120000_name`, UTC, as the native engine names migration directories. */
export function migrationDirectoryName(/** @type {string} */ name, now = new Date()) {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return name ? `${stamp}_${name}` : stamp;
}
