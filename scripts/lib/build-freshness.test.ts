import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildStatus, markBuiltAsOf } from './build-freshness.ts';

let root: string;

function write(relative: string, mtime: Date): void {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, relative);
  fs.utimesSync(file, mtime, mtime);
  // Folders count too (a deleted file only shows in its folder's mtime): keep them old.
  for (let dir = path.dirname(file); dir.startsWith(root) && dir !== root; dir = path.dirname(dir)) {
    fs.utimesSync(dir, old, old);
  }
}

const old = new Date('2020-01-01T00:00:00Z');
const built = new Date('2021-01-01T00:00:00Z');
const later = new Date('2022-01-01T00:00:00Z');

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-freshness-'));
  write('app/page.tsx', old);
  write('lib/x.ts', old);
  write('package.json', old);
  write('middleware.ts', old);
  write('prisma/models.prisma', old);
  fs.mkdirSync(path.join(root, 'prisma/generated/sqlite'), { recursive: true });
  fs.mkdirSync(path.join(root, 'prisma/generated/postgresql'), { recursive: true });
  write('.next/strongroom-server.mjs', old);
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('buildStatus', () => {
  it('is stale without .next/BUILD_ID', () => {
    expect(buildStatus(root)).toEqual({ fresh: false, reason: expect.stringContaining('.next/BUILD_ID') });
  });

  it('is stale when the production server was not compiled (npm run serve runs it)', () => {
    write('.next/BUILD_ID', built);
    fs.rmSync(path.join(root, '.next/strongroom-server.mjs'));
    expect(buildStatus(root)).toEqual({ fresh: false, reason: expect.stringContaining('.next/strongroom-server.mjs') });
  });

  it('is fresh when every input is older than the build', () => {
    write('.next/BUILD_ID', built);
    expect(buildStatus(root)).toEqual({ fresh: true });
  });

  it.each(['app/page.tsx', 'lib/x.ts', 'middleware.ts', 'instrumentation-node.ts', 'prisma/models.prisma', 'package.json', 'app/new/page.tsx', 'tools/bench/peers/better-auth.ts', 'tools/bench/peers/models.prisma', 'server.ts', 'scripts/lib/server-env.ts', 'prisma/migrations/sqlite/0099_new/migration.sql'])(
    'is stale when %s changed after the build, and names it',
    (file) => {
      write('.next/BUILD_ID', built);
      write(file, later);
      expect(buildStatus(root)).toEqual({ fresh: false, reason: `${file} changed after the last build` });
    },
  );

  it('counts a source edited while the build ran as newer than the build (the build is dated by its start)', () => {
    const started = built.getTime();
    write('middleware.ts', new Date(started + 10_000)); // merged mid-build
    write('.next/BUILD_ID', new Date(started + 40_000)); // the build ends
    expect(buildStatus(root)).toEqual({ fresh: true }); // what ending-time dating concluded
    markBuiltAsOf(root, started);
    expect(buildStatus(root)).toEqual({ fresh: false, reason: 'middleware.ts changed after the last build' });
  });

  it('ignores test files and files outside the inputs', () => {
    write('.next/BUILD_ID', built);
    write('lib/x.test.ts', later);
    write('e2e/foundation.spec.ts', later);
    write('scripts/start.ts', later);
    write('README.md', later);
    expect(buildStatus(root)).toEqual({ fresh: true });
  });

  it("ignores the peers' generated client and schema variants (rewritten by every prisma generate)", () => {
    write('.next/BUILD_ID', built);
    write('tools/bench/peers/generated/sqlite/client.ts', later);
    write('tools/bench/peers/variants/sqlite/schema.prisma', later);
    for (const dir of ['tools/bench/peers/generated', 'tools/bench/peers/generated/sqlite', 'tools/bench/peers/variants']) fs.utimesSync(path.join(root, dir), later, later);
    expect(buildStatus(root)).toEqual({ fresh: true });
  });

  it('is stale when a Prisma client has not been generated', () => {
    write('.next/BUILD_ID', built);
    fs.rmSync(path.join(root, 'prisma/generated/postgresql'), { recursive: true });
    expect(buildStatus(root)).toEqual({ fresh: false, reason: expect.stringContaining('prisma/generated/postgresql') });
  });
});
