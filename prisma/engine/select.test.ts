// How prisma.config.ts picks the schema engine: the user's choice, else a working
// native engine where the CLI looks for one, else ours. And that the CLI runs
// `prisma generate` with it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliSearchDirs, findNativeEngine, offlineEngine, selectSchemaEngine } from './select.ts';
import { prisma, projectRoot, tempDir } from './testing.ts';

type Env = Record<string, string | undefined>;
const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A fake `schema-engine-<platform>` that answers --version like the real one (or fails). */
function fakeNative(name: string, works = true): string {
  const folder = fs.mkdtempSync(path.join(dir, 'engines-'));
  const file = path.join(folder, name);
  fs.writeFileSync(file, works ? '#!/bin/sh\necho "schema-engine-cli 0123456789abcdef"\n' : '#!/bin/sh\nexit 1\n', { mode: 0o755 });
  return file;
}

describe('selectSchemaEngine', () => {
  it('keeps PRISMA_SCHEMA_ENGINE_BINARY (or the deprecated PRISMA_MIGRATION_ENGINE_BINARY) set by the user', () => {
    const env: Env = { PRISMA_SCHEMA_ENGINE_BINARY: '/opt/engine' };
    expect(selectSchemaEngine({ env, searchDirs: [] })).toEqual({ kind: 'user', path: '/opt/engine' });
    expect(env.PRISMA_SCHEMA_ENGINE_BINARY).toBe('/opt/engine');
    const legacy: Env = { PRISMA_MIGRATION_ENGINE_BINARY: '/opt/old' };
    expect(selectSchemaEngine({ env: legacy, searchDirs: [] }).kind).toBe('user');
    expect(legacy.PRISMA_SCHEMA_ENGINE_BINARY).toBeUndefined();
  });

  it('prefers a native engine that runs, and leaves the CLI to find it', () => {
    const native = fakeNative('schema-engine-debian-openssl-3.0.x');
    const env: Env = {};
    expect(selectSchemaEngine({ env, searchDirs: [path.dirname(native)] })).toEqual({ kind: 'native', path: native });
    expect(env.PRISMA_SCHEMA_ENGINE_BINARY).toBeUndefined();
  });

  it('ignores a native engine that does not run here (other platform, truncated download) and checksum files', () => {
    const broken = fakeNative('schema-engine-darwin-arm64', false);
    fs.writeFileSync(path.join(path.dirname(broken), 'schema-engine-debian-openssl-3.0.x.sha256'), 'abc');
    const env: Env = {};
    expect(selectSchemaEngine({ env, searchDirs: [path.dirname(broken)] })).toEqual({ kind: 'wasm', path: offlineEngine });
    expect(env.PRISMA_SCHEMA_ENGINE_BINARY).toBe(offlineEngine);
  });

  it('uses the offline engine when there is no native one', () => {
    const env: Env = {};
    expect(selectSchemaEngine({ env, searchDirs: [path.join(dir, 'nothing-here')] }).kind).toBe('wasm');
    expect(env.PRISMA_SCHEMA_ENGINE_BINARY).toBe(offlineEngine);
  });

  it('STRONGROOM_SCHEMA_ENGINE=wasm forces the offline engine; =native never selects it', () => {
    const native = fakeNative('schema-engine-debian-openssl-3.0.x');
    const forced: Env = { STRONGROOM_SCHEMA_ENGINE: 'wasm' };
    expect(selectSchemaEngine({ env: forced, searchDirs: [path.dirname(native)] }).kind).toBe('wasm');
    const nativeOnly: Env = { STRONGROOM_SCHEMA_ENGINE: 'native' };
    expect(selectSchemaEngine({ env: nativeOnly, searchDirs: [] })).toEqual({ kind: 'none' });
    expect(nativeOnly.PRISMA_SCHEMA_ENGINE_BINARY).toBeUndefined();
  });

  it('searches where the Prisma CLI searches, starting with node_modules/@prisma/engines', () => {
    const dirs = cliSearchDirs();
    expect(dirs[0]).toBe(path.join(projectRoot, 'node_modules', '@prisma', 'engines'));
    expect(dirs).toContain(path.join(projectRoot, 'node_modules', 'prisma'));
    expect(findNativeEngine(dirs) ?? 'none installed').toBeTypeOf('string');
  });

  it('the offline engine is executable with a node shebang', () => {
    expect(fs.readFileSync(offlineEngine, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(fs.statSync(offlineEngine).mode & 0o111).not.toBe(0);
  });
});

describe('prisma CLI with the offline engine', () => {
  it('prisma --version names it', { timeout: 60_000 }, async () => {
    const result = await prisma(['--version'], `file:${path.join(dir, 'v.db')}`);
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toMatch(/Schema Engine\s+: schema-engine-cli [0-9a-f]{40} \(at prisma\/engine\/schema-engine\.mjs, resolved by PRISMA_SCHEMA_ENGINE_BINARY\)/);
  });

  it('prisma generate works (into a temp folder)', { timeout: 120_000 }, async () => {
    const out = path.join(dir, 'client');
    const schema = path.join(dir, 'generate.prisma');
    fs.writeFileSync(
      schema,
      `generator client {\n  provider = "prisma-client"\n  output   = ${JSON.stringify(out)}\n}\n\ndatasource db {\n  provider = "sqlite"\n}\n\n` +
        fs.readFileSync(path.join(projectRoot, 'prisma', 'models.prisma'), 'utf8'),
    );
    const result = await prisma(['generate', '--schema', schema], `file:${path.join(dir, 'g.db')}`);
    expect(result.status, result.output).toBe(0);
    expect(fs.existsSync(path.join(out, 'client.ts'))).toBe(true);
  });
});
