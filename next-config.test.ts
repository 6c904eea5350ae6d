// The shipped build never contains the benchmark's probe routes: only a build
// with STRONGROOM_BENCH_BUILD=1 lists `bench.ts` among its page extensions, and
// it builds into its own folder (.next-bench), so it cannot replace .next.
// (e2e/bench-probes.spec.ts checks the running shipped app from outside.)
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { committedMigrations } from './scripts/lib/database.ts';

type Config = { distDir?: string; pageExtensions?: string[]; output?: string; typescript?: { ignoreBuildErrors?: boolean }; env?: Record<string, string> };

async function loadConfig(benchBuild: boolean): Promise<Config> {
  vi.resetModules();
  if (benchBuild) process.env.STRONGROOM_BENCH_BUILD = '1';
  else delete process.env.STRONGROOM_BENCH_BUILD;
  const file = new URL('./next.config.mjs', import.meta.url).href; // not a literal: the .mjs has no types
  return ((await import(/* @vite-ignore */ `${file}?bench=${benchBuild}`)) as { default: Config }).default;
}

/** Next's rule: a route file is `route.<page extension>`. */
const isRouteFile = (name: string, extensions: string[]) => extensions.some((ext) => name === `route.${ext}`);

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

afterEach(() => {
  delete process.env.STRONGROOM_BENCH_BUILD;
});

describe('next.config.mjs', () => {
  it('the shipped build: default folder, and no page extension that picks up *.bench.ts', async () => {
    const config = await loadConfig(false);
    expect(config.distDir).toBeUndefined();
    expect(config.pageExtensions).toEqual(['tsx', 'ts', 'jsx', 'js']);
    const probes = filesUnder(path.join(import.meta.dirname, 'app', 'bench')).filter((f) => !f.endsWith('.md'));
    expect(probes.length).toBeGreaterThan(0);
    for (const file of probes) {
      expect(path.basename(file), 'every file under app/bench is a *.bench.ts').toMatch(/\.bench\.ts$/);
      expect(isRouteFile(path.basename(file), config.pageExtensions!)).toBe(false);
    }
  });

  it('the benchmark build: its own folder, and the probe routes are routes there', async () => {
    const config = await loadConfig(true);
    expect(config.distDir).toBe('.next-bench');
    expect(isRouteFile('route.bench.ts', config.pageExtensions!)).toBe(true);
  });

  it("the peers (Better Auth, Auth.js's Prisma adapter, tools/bench/peers) are imported only by probe routes", () => {
    const root = import.meta.dirname;
    const shipped = [...filesUnder(path.join(root, 'app')), ...filesUnder(path.join(root, 'lib')), path.join(root, 'middleware.ts'), path.join(root, 'instrumentation.ts'), path.join(root, 'instrumentation-node.ts')]
      .filter((f) => /\.(tsx?|jsx?|mjs)$/.test(f) && !f.endsWith('.bench.ts'));
    const peerImport = /from\s+['"](?:better-auth(?:\/[^'"]*)?|@better-auth\/[^'"]+|@auth\/prisma-adapter|[^'"]*tools\/bench\/[^'"]*)['"]/;
    expect(shipped.filter((f) => peerImport.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(root, f))).toEqual([]);
    const probes = filesUnder(path.join(root, 'app', 'bench')).filter((f) => f.endsWith('.bench.ts'));
    expect(probes.filter((f) => peerImport.test(fs.readFileSync(f, 'utf8'))).length, 'the peer probes import them').toBe(3);
  });

  it("production artifacts (ADR 043): no type check in the build, no standalone output, this tree's migrations built in", async () => {
    const config = await loadConfig(false);
    expect(config.typescript?.ignoreBuildErrors, 'the type check is npm run typecheck; the build runs with production dependencies').toBe(true);
    expect(config.output, "output: 'standalone' is not supported (scripts/build-server.mjs refuses it)").toBeUndefined();
    expect(JSON.parse(config.env!.STRONGROOM_BUILD_MIGRATIONS!)).toEqual({ sqlite: committedMigrations('sqlite'), postgresql: committedMigrations('postgresql') });
  });

  it('no *.bench.ts file outside app/bench (a probe elsewhere would be easy to miss)', () => {
    const app = path.join(import.meta.dirname, 'app');
    const stray = filesUnder(app).filter((f) => f.endsWith('.bench.ts') && !f.startsWith(path.join(app, 'bench') + path.sep));
    expect(stray).toEqual([]);
  });
});
