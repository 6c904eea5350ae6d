// lib/auth shows the sign-in flow in its layout:
// one folder per concept, each with one entry point, and code outside lib/auth
// goes through those entry points — so a reader sees the concepts, not a heap.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '@/test/source-files';

const root = path.resolve(import.meta.dirname, '..', '..');
const authDir = path.join(root, 'lib', 'auth');
// Without loading next-auth (sso's entry point does): the e2e identity provider
// needs a constant, and the crypto-label pins derive next-auth's secrets.
const allowedDeepImports = new Set(['lib/auth/sso/constants.ts', 'lib/auth/sso/secret.ts']);

describe('lib/auth layout', () => {
  it('has only concept folders at its top, each with an index.ts entry point', () => {
    const entries = fs.readdirSync(authDir, { withFileTypes: true }).filter((e) => e.name !== path.basename(import.meta.filename));
    expect(entries.filter((e) => !e.isDirectory()).map((e) => e.name)).toEqual([]);
    for (const folder of entries) expect(fs.existsSync(path.join(authDir, folder.name, 'index.ts')), `${folder.name}/index.ts`).toBe(true);
    expect(entries.length).toBeGreaterThanOrEqual(6);
  });

  it('is imported from outside only through those entry points', () => {
    const deep: string[] = [];
    for (const dir of ['app', 'lib', 'scripts', 'tools', 'prisma', 'e2e', 'test']) {
      for (const file of sourceFiles(path.join(root, dir))) {
        if (file.startsWith(authDir + path.sep)) continue;
        for (const [, specifier] of fs.readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)) {
          const resolved = specifier!.startsWith('@/') ? specifier!.slice(2) : specifier!.startsWith('.') ? path.relative(root, path.resolve(path.dirname(file), specifier!)) : '';
          const inside = /^lib\/auth\/[^/]+\/(.+)$/.exec(resolved);
          if (inside && !/^index(\.ts)?$/.test(inside[1]!) && !allowedDeepImports.has(resolved)) deep.push(`${path.relative(root, file)} → ${specifier}`);
        }
      }
    }
    expect(deep).toEqual([]);
  });
});
