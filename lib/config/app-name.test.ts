// One name for everything shown to people: no source outside lib/config/app-name.ts
// spells it. Comments may (they describe this project), and so may the crypto
// labels, which are not the name (lib/config/crypto-labels.ts).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '@/test/source-files';
import { APP_NAME, APP_NAME_HTML } from './app-name';

const root = path.resolve(import.meta.dirname, '../..');
const allowed = new Set(['lib/config/app-name.ts', 'lib/config/app-name.test.ts', 'lib/config/crypto-labels.ts', 'lib/config/crypto-labels.test.ts']);

/** The source without its comments (line and block; good enough for this code base's style). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

describe('APP_NAME', () => {
  it('is the only place the name is spelled in code that shows it', () => {
    const files = ['app', 'lib', 'scripts', 'prisma/seed.ts', 'server.ts'].flatMap((entry) => {
      const full = path.join(root, entry);
      return fs.statSync(full).isDirectory() ? sourceFiles(full) : [full];
    });
    const spelled = files
      .map((file) => path.relative(root, file).split(path.sep).join('/'))
      .filter((file) => !allowed.has(file) && /Strongroom/.test(withoutComments(fs.readFileSync(path.join(root, file), 'utf8'))));
    expect(spelled, 'use APP_NAME (lib/config/app-name.ts) instead of the literal name').toEqual([]);
  });

  it('is escaped for the hand-written HTML pages', () => {
    expect(APP_NAME_HTML).not.toMatch(/[<>"']|&(?!#\d+;)/);
    expect(APP_NAME_HTML.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))).toBe(APP_NAME);
  });
});
