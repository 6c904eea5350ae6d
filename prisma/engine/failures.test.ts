// Requirement 5: failures are loud. Broken SQL, an unreachable database and an
// engine that crashes mid-request all make the CLI exit non-zero with a message
// a person can act on; none of them may pass as a silent exit 0.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, noPostgresReason, postgresAdminUrl, sqliteTables, tempDir, tempProject, type Provider } from './testing.ts';

const TIMEOUT = 180_000; // CLI runs take seconds each, more on a loaded 2-core machine
const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A loopback TCP port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function brokenMigrationCases(provider: Provider, databaseUrl: () => Promise<string>) {
  it('a migration with broken SQL: deploy exits non-zero naming the migration and the database error', { timeout: TIMEOUT }, async () => {
    const project = tempProject(provider);
    try {
      const broken = path.join(project.migrations, '20990101000000_broken');
      fs.mkdirSync(broken);
      fs.writeFileSync(path.join(broken, 'migration.sql'), 'CREATE TABLE "Half" ("id" INTEGER);\nSELEC nonsense;\n');
      const url = await databaseUrl();

      const deploy = await project.prisma(['migrate', 'deploy'], url);
      expect(deploy.status).toBe(1);
      expect(deploy.output).toContain('P3018');
      expect(deploy.output).toContain('Migration name: 20990101000000_broken');
      expect(deploy.output).toMatch(/syntax error at or near "SELEC"|near "SELEC": syntax error/);

      const status = await project.prisma(['migrate', 'status'], url);
      expect(status.status).toBe(1);
      expect(status.output).toContain('20990101000000_broken');
      expect(status.output).toMatch(/failed/i);

      const again = await project.prisma(['migrate', 'deploy'], url);
      expect(again.status).toBe(1);
      expect(again.output).toContain('P3009'); // failed migrations block further deploys
    } finally {
      project.remove();
    }
  });
}

describe('SQLite failures', () => {
  brokenMigrationCases('sqlite', async () => `file:${path.join(dir, `broken-${Date.now()}.db`)}`);

  it('a database path that cannot be created: non-zero and says why', { timeout: TIMEOUT }, async () => {
    const project = tempProject('sqlite');
    try {
      const notADirectory = path.join(dir, 'a-file');
      fs.writeFileSync(notADirectory, '');
      const deploy = await project.prisma(['migrate', 'deploy'], `file:${path.join(notADirectory, 'sub', 'x.db')}`);
      expect(deploy.status).toBe(1);
      expect(deploy.output).toMatch(/Cannot create the SQLite database at `.*x\.db`: ENOTDIR/);

      // Under /proc, Node's recursive mkdir would spin forever; ours fails at once.
      const proc = await project.prisma(['migrate', 'deploy'], 'file:/proc/strongroom-no-such-dir/x.db');
      expect(proc.status).toBe(1);
      expect(proc.output).toMatch(/Cannot create the SQLite database.*ENOENT/);
    } finally {
      project.remove();
    }
  });

  describe('an engine that crashes mid-request', () => {
    // STRONGROOM_ENGINE_FAULT is honoured only under vitest (lib/faults.mjs).
    const crash = async (kind: string) => {
      const project = tempProject('sqlite');
      try {
        const file = path.join(dir, `crash-${kind}.db`);
        const result = await project.prisma(['migrate', 'deploy'], `file:${file}`, { STRONGROOM_ENGINE_FAULT: `applyMigrations:${kind}`, VITEST: 'true' });
        return { ...result, tables: fs.existsSync(file) ? await sqliteTables(file) : [] };
      } finally {
        project.remove();
      }
    };

    it('exits 0 in the middle of a request → the CLI exits 1', { timeout: TIMEOUT }, async () => {
      const result = await crash('exit0');
      expect(result.status).toBe(1);
      expect(result.output).toContain('The schema engine stopped with 1 request(s) unanswered.');
      expect(result.tables).not.toContain('User');
    });

    it('throws an uncaught exception → the CLI exits 1 with the error', { timeout: TIMEOUT }, async () => {
      const result = await crash('throw');
      expect(result.status).toBe(1);
      expect(result.output).toContain('injected crash in applyMigrations');
    });

    it('panics inside the Wasm module → the CLI exits 1 with the panic message', { timeout: TIMEOUT }, async () => {
      const result = await crash('panic');
      expect(result.status).toBe(1);
      expect(result.output).toContain('This is the debugPanic artificial panic');
    });

    it('is killed (SIGKILL) → the CLI exits 1 saying so', { timeout: TIMEOUT }, async () => {
      const result = await crash('kill');
      expect(result.status).toBe(1);
      expect(result.output).toContain('The schema engine process was killed by SIGKILL');
    });

    it('the hook is ignored outside vitest', { timeout: TIMEOUT }, async () => {
      const project = tempProject('sqlite');
      try {
        const result = await project.prisma(['migrate', 'deploy'], `file:${path.join(dir, 'no-hook.db')}`, {
          STRONGROOM_ENGINE_FAULT: 'applyMigrations:kill',
          VITEST: undefined,
          VITEST_POOL_ID: undefined,
          VITEST_WORKER_ID: undefined,
        });
        expect(result.status, result.output).toBe(0);
      } finally {
        project.remove();
      }
    });
  });
});

describe('PostgreSQL failures', () => {
  const closedPortUrl = async () => `postgresql://postgres@127.0.0.1:${await closedPort()}/strongroom`;

  it.each(['migrate deploy', 'migrate status', 'migrate dev --name x', 'db push'])(
    'a closed port: prisma %s exits 1 with P1001 (no server needed)',
    { timeout: TIMEOUT },
    async (command) => {
      const project = tempProject('postgresql');
      try {
        const result = await project.prisma(command.split(' '), await closedPortUrl());
        expect(result.status, result.output).toBe(1);
        expect(result.output).toMatch(/P1001: Can't reach database server at `127\.0\.0\.1:\d+`/);
      } finally {
        project.remove();
      }
    },
  );

  it('a closed port: migrate diff --from-migrations (shadow database) exits 1', { timeout: TIMEOUT }, async () => {
    const project = tempProject('postgresql');
    try {
      const diff = await project.prisma(['migrate', 'diff', '--from-migrations', project.migrations, '--to-schema', project.schema, '--exit-code'], await closedPortUrl());
      expect(diff.status).toBe(1);
      expect(diff.output).toMatch(/Can't reach database server at `127\.0\.0\.1:\d+`/);
    } finally {
      project.remove();
    }
  });

  describe.skipIf(!postgresAdminUrl)(`with a server${postgresAdminUrl ? '' : ` (${noPostgresReason})`}`, () => {
    const drops: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const drop of drops) await drop();
    });
    brokenMigrationCases('postgresql', async () => {
      const db = await createPostgresDatabase(postgresAdminUrl!);
      drops.push(db.drop);
      return db.url;
    });

    it('a broken migration leaves nothing half-applied (one transaction, as natively)', { timeout: TIMEOUT }, async () => {
      const db = await createPostgresDatabase(postgresAdminUrl!);
      drops.push(db.drop);
      const project = tempProject('postgresql');
      try {
        const broken = path.join(project.migrations, '20990101000000_broken');
        fs.mkdirSync(broken);
        fs.writeFileSync(path.join(broken, 'migration.sql'), 'CREATE TABLE "Half" ("id" INTEGER);\nSELEC nonsense;\n');
        expect((await project.prisma(['migrate', 'deploy'], db.url)).status).toBe(1);
        const { pgTables } = await import('./testing.ts');
        expect(await pgTables(db.url)).not.toContain('Half');
      } finally {
        project.remove();
      }
    });

    it('wrong credentials: non-zero with a readable message', { timeout: TIMEOUT }, async () => {
      const project = tempProject('postgresql');
      try {
        const url = new URL(postgresAdminUrl!);
        url.username = 'no_such_role';
        url.pathname = '/postgres';
        const result = await project.prisma(['migrate', 'status'], url.toString());
        expect(result.status).toBe(1);
        expect(result.output).toMatch(/no_such_role/);
      } finally {
        project.remove();
      }
    });
  });
});
