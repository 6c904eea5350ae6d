// The lab (benchmarks, load, fuzz, outage, cluster) lives in tools/ and may use
// anything; nothing the product runs may use the lab: not the app (app/, lib/,
// middleware, server, instrumentation), and not what operators run to start,
// migrate and maintain it (scripts/, prisma/, prisma.config.ts, next.config.mjs).
// ADR 037.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '@/test/source-files';

const root = path.resolve(import.meta.dirname, '..');
const toolsDir = path.join(root, 'tools');

const PRODUCT_FOLDERS = ['app', 'lib', 'scripts', 'prisma'];
const PRODUCT_ROOT_FILES = /^(middleware|proxy|server|instrumentation[\w-]*|prisma\.config|next\.config)\.(ts|tsx|mjs|js)$/;

/**
 * The benchmark build's probe routes are lab code in app/ because Next routes
 * only there; only .next-bench compiles them (next-config.test.ts). They may
 * reach the peers they measure (tools/bench/peers), nothing else of the lab.
 */
const isBenchProbe = (relative: string) => relative.startsWith('app/bench/') && relative.endsWith('.bench.ts');
const peersDir = path.join(toolsDir, 'bench', 'peers');

/** Static imports and re-exports, side-effect imports, import() and require(). */
const SPECIFIER = /(?:\bfrom\s+|\bimport\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

/** Where a specifier points inside the repository (undefined for a package). */
const resolve = (file: string, specifier: string) =>
  specifier.startsWith('@/') ? path.join(root, specifier.slice(2)) : specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier) : undefined;

function importsOfTools(file: string, source: string): string[] {
  return [...source.matchAll(SPECIFIER)]
    .map((match) => match[1]!)
    .filter((specifier) => {
      const target = resolve(file, specifier);
      return target !== undefined && (target === toolsDir || target.startsWith(toolsDir + path.sep));
    });
}

function productFiles(): string[] {
  const rootFiles = fs.readdirSync(root).filter((name) => PRODUCT_ROOT_FILES.test(name)).map((name) => path.join(root, name));
  const folders = PRODUCT_FOLDERS.flatMap((dir) => sourceFiles(path.join(root, dir)));
  // sourceFiles reads .ts/.tsx; the offline schema engine (prisma/engine) is .mjs.
  const engine = fs.readdirSync(path.join(root, 'prisma', 'engine'), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.mjs')).map((name) => path.join(root, 'prisma', 'engine', name));
  return [...rootFiles, ...folders, ...engine];
}

describe('tools/ (the lab)', () => {
  it('recognises an import of the lab, however it is written', () => {
    const file = path.join(root, 'lib', 'db', 'x.ts');
    const source = [
      "import { a } from '@/tools/bench/http';",
      "import '../../tools/lib/tls.ts';",
      "export { b } from '../../tools/cluster.ts';",
      "const c = await import('@/tools/fuzz/fuzz');",
      "const d = require('../../tools/load/browsers');",
      "import { e } from '@/lib/tools/x';", // a lib folder merely named tools
      "import { f } from './tools';",
      "import { g } from 'tools';", // a package
    ].join('\n');
    expect(importsOfTools(file, source)).toEqual(['@/tools/bench/http', '../../tools/lib/tls.ts', '../../tools/cluster.ts', '@/tools/fuzz/fuzz', '../../tools/load/browsers']);
  });

  it('is imported by nothing the product runs (only by the benchmark build’s probe routes)', () => {
    const files = productFiles();
    const relative = files.map((file) => path.relative(root, file));
    expect(relative).toEqual(expect.arrayContaining(['middleware.ts', 'server.ts', 'instrumentation.ts', 'prisma.config.ts', 'next.config.mjs', 'scripts/start.ts', 'prisma/engine/select.ts']));
    expect(relative.some((file) => file.startsWith('app/'))).toBe(true);
    const offenders = files.flatMap((file) => {
      const name = path.relative(root, file);
      const found = importsOfTools(file, fs.readFileSync(file, 'utf8'));
      const allowed = (specifier: string) => isBenchProbe(name) && resolve(file, specifier)!.startsWith(peersDir + path.sep);
      return found.filter((specifier) => !allowed(specifier)).map((specifier) => `${name} → ${specifier}`);
    });
    expect(offenders).toEqual([]);
  });
});
