// The generated Prisma clients are reached only through lib/db/client.ts, which
// picks the provider; a row type imported from one client elsewhere reads as if
// that provider were the only one.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '@/test/source-files';

const root = path.resolve(import.meta.dirname, '..', '..');

describe('generated Prisma clients', () => {
  it('are imported only by lib/db/client.ts', () => {
    const importers: string[] = [];
    for (const dir of ['app', 'lib', 'prisma', 'e2e', 'test']) {
      for (const file of sourceFiles(path.join(root, dir))) {
        const relative = path.relative(root, file);
        if (relative === path.join('lib', 'db', 'client.ts')) continue;
        if (/from '[^']*prisma\/generated\/|from '\.\.?\/generated\//.test(fs.readFileSync(file, 'utf8'))) importers.push(relative);
      }
    }
    expect(importers).toEqual([]);
  });
});
