// Layers point one way (docs/decisions/039-layers.md):
//   app → dal / auth / banking → session → db,
// lib/http owns request context and imports nothing above it, configuration
// imports no domain code, and only the DAL and the session store import the
// database client. A reviewer then knows where the queries are, and the
// session code does not depend on the product built on it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '@/test/source-files';

const root = path.resolve(import.meta.dirname, '..');

type Rule = { name: string; applies: (file: string) => boolean; forbids: (target: string) => boolean };

const under = (...folders: string[]) => (p: string) => folders.some((folder) => p === folder || p.startsWith(`${folder}/`));
const isApp = under('app');
/** The database client: the module that opens connections, and the one that builds clients. */
const isDatabaseClient = (target: string) => target === 'lib/db' || target === 'lib/db/client';

const sessionStore = new Set(['store', 'session-read', 'clock', 'purge', 'index'].map((name) => `lib/session/${name}.ts`));

const rules: Rule[] = [
  { name: 'lib/db imports nothing above it', applies: under('lib/db'), forbids: (t) => isApp(t) || under('lib/session', 'lib/dal', 'lib/auth', 'lib/banking', 'lib/http')(t) },
  {
    name: 'lib/session does not depend on the product',
    applies: under('lib/session'),
    // The session store writes its audit events in its own statements; lib/dal/audit.ts
    // imports nothing but the client's type (checked below), so nothing above comes with it.
    forbids: (t) => isApp(t) || (under('lib/dal', 'lib/auth', 'lib/banking')(t) && t !== 'lib/dal/audit'),
  },
  { name: 'lib/dal/audit.ts imports only the database layer', applies: (f) => f === 'lib/dal/audit.ts', forbids: (t) => !under('lib/db')(t) },
  { name: 'the domain layer does not import the app', applies: under('lib/dal', 'lib/auth', 'lib/banking'), forbids: isApp },
  {
    name: 'lib/http owns request context and imports nothing above it',
    applies: under('lib/http'),
    forbids: (t) => isApp(t) || under('lib/session', 'lib/dal', 'lib/auth', 'lib/banking', 'lib/db')(t),
  },
  {
    name: 'configuration imports only configuration',
    applies: (f) => under('lib/config')(f) || f === 'lib/env.ts',
    forbids: (t) => isApp(t) || (t.startsWith('lib/') && !under('lib/config')(t)),
  },
  {
    name: 'only the DAL and the session store import the database client',
    // The session store is store.ts with its read, clock and purge, and index.ts that wires
    // it to the process's client (lib/session/README.md); prisma/ seeds; scripts/ and
    // tools/ are operator and lab tooling with their own client.
    applies: (f) => !under('lib/dal', 'lib/db', 'prisma', 'scripts', 'tools')(f) && !sessionStore.has(f),
    forbids: isDatabaseClient,
  },
];

/** Every module specifier a file names: import, import type, export … from, side-effect and dynamic imports. */
function specifiersOf(source: string): string[] {
  const found: string[] = [];
  for (const [, specifier] of source.matchAll(/(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/g)) found.push(specifier!);
  for (const [, specifier] of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(specifier!);
  return found;
}

/** The project module a specifier names (root-relative, no extension, no /index), or undefined for packages. */
function resolveSpecifier(fromFile: string, specifier: string): string | undefined {
  let target: string;
  if (specifier.startsWith('@/')) target = specifier.slice(2);
  else if (specifier.startsWith('.')) target = path.relative(root, path.resolve(path.dirname(fromFile), specifier));
  else return undefined;
  return target.split(path.sep).join('/').replace(/\.(ts|tsx|mts|js|mjs)$/, '').replace(/\/index$/, '');
}

function projectFiles(): string[] {
  const topLevel = fs.readdirSync(root).filter((name) => /\.(ts|tsx)$/.test(name)).map((name) => path.join(root, name));
  const folders = ['app', 'lib', 'prisma', 'scripts', 'tools'].map((dir) => path.join(root, dir)).filter((dir) => fs.existsSync(dir));
  return [...topLevel, ...folders.flatMap(sourceFiles)].filter((file) => {
    const relative = path.relative(root, file).split(path.sep).join('/');
    // Tests and test helpers reach into every layer to set up what they check.
    return !/\.test\.tsx?$/.test(relative) && !/(^|\/)testing\.ts$/.test(relative) && !relative.startsWith('test/');
  });
}

/** Every forbidden import, as "importer → module", with the rule it breaks. */
function violations(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of projectFiles()) {
    const importer = path.relative(root, file).split(path.sep).join('/');
    const self = importer.replace(/\.(ts|tsx)$/, '').replace(/\/index$/, '');
    for (const specifier of specifiersOf(fs.readFileSync(file, 'utf8'))) {
      const target = resolveSpecifier(file, specifier);
      if (target === undefined || target === self) continue;
      for (const rule of rules) {
        if (!rule.applies(importer) || !rule.forbids(target)) continue;
        const edge = `${importer} → ${target}`;
        found.set(edge, found.has(edge) ? `${found.get(edge)}; ${rule.name}` : rule.name);
      }
    }
  }
  return found;
}

describe('layers', () => {
  it('reads every kind of import and resolves both alias and relative specifiers', () => {
    const source = [
      "import { a } from '@/lib/db';",
      "import type { Db } from '../db/client.ts';",
      "import {\n  b,\n  c,\n} from './x';",
      "export { d } from '../dal/audit';",
      "export type { E } from '@/lib/auth/throttle/index.ts';",
      "import 'server-only';",
      "const f = await import('../session');",
      "const notAnImport = 'from nowhere';",
    ].join('\n');
    const file = path.join(root, 'lib', 'session', 'store.ts');
    expect(specifiersOf(source).map((s) => resolveSpecifier(file, s) ?? s)).toEqual([
      'lib/db',
      'lib/db/client',
      'lib/session/x',
      'lib/dal/audit',
      'lib/auth/throttle',
      'server-only',
      'lib/session',
    ]);
  });

  it('finds the files it checks', () => {
    const files = projectFiles().map((file) => path.relative(root, file).split(path.sep).join('/'));
    for (const expected of ['middleware.ts', 'lib/db/index.ts', 'lib/session/store.ts', 'lib/dal/audit.ts', 'app/logout/route.ts']) expect(files).toContain(expected);
  });

  it('point one way: no import breaks a rule', () => {
    expect([...violations()].map(([edge, rule]) => `${edge} (${rule})`)).toEqual([]);
  });
});
