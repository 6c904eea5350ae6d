// Chooses the schema engine the Prisma CLI runs (prisma.config.ts calls this
// before every CLI command). Order of preference:
//   1. PRISMA_SCHEMA_ENGINE_BINARY / PRISMA_MIGRATION_ENGINE_BINARY set by the user: untouched.
//   2. A native schema engine installed where the CLI looks for one, and runnable: untouched,
//      so the CLI uses it as usual.
//   3. Otherwise (offline install: the engine download failed) our Wasm-backed
//      engine, prisma/engine/schema-engine.mjs.
// STRONGROOM_SCHEMA_ENGINE=wasm forces 3 (tests, reproducing CI); =native forbids it.
// See docs/decisions/003-offline-schema-engine.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const offlineEngine = path.join(import.meta.dirname, 'schema-engine.mjs');

export type EngineSelection =
  | { kind: 'user'; path: string }
  | { kind: 'native'; path: string }
  | { kind: 'wasm'; path: string }
  | { kind: 'none' };

type Options = {
  env?: Record<string, string | undefined>;
  /** Directories the CLI searches for `schema-engine-<platform>` (defaults to the installed prisma's). */
  searchDirs?: string[];
};

export function selectSchemaEngine({ env = process.env, searchDirs }: Options = {}): EngineSelection {
  const userChoice = env.PRISMA_SCHEMA_ENGINE_BINARY || env.PRISMA_MIGRATION_ENGINE_BINARY;
  if (userChoice) return { kind: 'user', path: userChoice };

  const mode = env.STRONGROOM_SCHEMA_ENGINE ?? 'auto';
  if (mode !== 'wasm') {
    const native = findNativeEngine(searchDirs ?? cliSearchDirs());
    if (native) return { kind: 'native', path: native };
    if (mode === 'native') return { kind: 'none' }; // let the CLI try (and report) its own download
  }
  env.PRISMA_SCHEMA_ENGINE_BINARY = offlineEngine;
  return { kind: 'wasm', path: offlineEngine };
}

/** Where prisma 7's CLI looks for the engine (see `ug()` in prisma/build/cli.js). */
export function cliSearchDirs(): string[] {
  const require = createRequire(import.meta.url);
  const dirs: string[] = [];
  try {
    const prismaDir = path.dirname(require.resolve('prisma/package.json'));
    dirs.push(prismaDir, path.dirname(prismaDir), path.join(prismaDir, 'runtime'));
    const fromPrisma = createRequire(path.join(prismaDir, 'package.json'));
    dirs.unshift(path.join(path.dirname(fromPrisma.resolve('@prisma/engines')), '..'));
  } catch {
    // prisma not installed: nothing native to find
  }
  return dirs;
}

/**
 * A `schema-engine-<platform>` file that actually runs here. Checking that it
 * runs (`--version`) also skips a binary for another platform, e.g. a
 * node_modules copied in from a different OS, which the CLI would not use.
 */
export function findNativeEngine(dirs: string[]): string | undefined {
  for (const dir of dirs) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!/^schema-engine-[\w.-]+$/.test(name) || /\.(gz|sha256|sig|tmp|mjs|js)$/.test(name)) continue;
      const file = path.join(dir, name);
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat?.isFile() || stat.size === 0) continue;
      const probe = spawnSync(file, ['--version'], { timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] });
      if (probe.status === 0 && /schema-engine/.test(String(probe.stdout))) return file;
    }
  }
  return undefined;
}
