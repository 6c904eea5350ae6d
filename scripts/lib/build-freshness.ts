// Is the production build in .next up to date with the sources? Shared by the
// demo launcher (scripts/start.ts) and the e2e server (e2e/support/server.ts), so
// both rebuild in exactly the same situations.
import fs from 'node:fs';
import path from 'node:path';

/** Everything that goes into `next build` (and `prisma generate`, which `npm run build` runs first). */
export const BUILD_INPUTS = [
  'app',
  'lib',
  'components',
  'public',
  'styles',
  'next.config.mjs',
  'next.config.ts',
  'postcss.config.mjs',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
  'prisma/models.prisma',
  'prisma/variants.ts',
  'prisma.config.ts',
  'tools/bench/peers', // the benchmark build's peer probes import it (ADR 034)
  'prisma/migrations', // their names are built in, for /api/health (ADR 043)
  'server.ts', // compiled into .next/strongroom-server.mjs with what it imports from lib/ and:
  'scripts/lib/server-env.ts',
  'scripts/lib/process.ts',
  'scripts/build-server.mjs',
];

/** Root files Next picks up by convention: middleware.ts, proxy.ts, instrumentation*.ts … */
const ROOT_CONVENTION_FILES = /^(middleware|proxy|instrumentation[\w-]*)\.(ts|tsx|js|mjs)$/;

/** Files under the input folders that never reach the build. */
// The peers' generated client is rewritten by every `prisma generate`: its source (models.prisma) counts instead.
const IGNORED = /(\.test\.tsx?$|\.spec\.tsx?$|(^|\/)\.DS_Store$|^tools\/bench\/peers\/(generated|variants)\/)/;

/** The Prisma clients the app imports; a build without them cannot be current. */
const GENERATED_CLIENTS = ['prisma/generated/sqlite', 'prisma/generated/postgresql'];

/** server.ts compiled by `npm run build` (scripts/build-server.mjs); `npm run serve` runs it. */
export const COMPILED_SERVER = '.next/strongroom-server.mjs';

export type BuildStatus = { fresh: true } | { fresh: false; reason: string };

type Newest = { file: string; mtimeMs: number };

function newestIn(root: string, relative: string, newest: Newest | undefined): Newest | undefined {
  if (IGNORED.test(`${relative}/`)) return newest; // an ignored folder, with its own mtime
  const full = path.join(root, relative);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    return newest; // optional input that this project does not have
  }
  if (stat.isDirectory()) {
    // A deleted file only changes its folder's mtime, so folders count too.
    if (!newest || stat.mtimeMs > newest.mtimeMs) newest = { file: `${relative}/`, mtimeMs: stat.mtimeMs };
    for (const entry of fs.readdirSync(full)) {
      if (entry === 'node_modules') continue;
      newest = newestIn(root, path.join(relative, entry), newest);
    }
    return newest;
  }
  if (IGNORED.test(relative)) return newest;
  return !newest || stat.mtimeMs > newest.mtimeMs ? { file: relative, mtimeMs: stat.mtimeMs } : newest;
}

/** The most recently modified build input, or undefined if there is none. */
export function newestBuildInput(root: string): Newest | undefined {
  let newest: Newest | undefined;
  const conventionFiles = fs.readdirSync(root).filter((name) => ROOT_CONVENTION_FILES.test(name));
  for (const input of [...BUILD_INPUTS, ...conventionFiles]) newest = newestIn(root, input, newest);
  return newest;
}

/** `distDir`: .next for the app, .next-bench for the benchmark build (next.config.mjs). */
export function buildStatus(root: string, distDir = '.next'): BuildStatus {
  const buildId = path.join(root, distDir, 'BUILD_ID');
  if (!fs.existsSync(buildId)) return { fresh: false, reason: `no production build yet (${distDir}/BUILD_ID is missing)` };
  const missingClient = GENERATED_CLIENTS.find((dir) => !fs.existsSync(path.join(root, dir)));
  if (missingClient) return { fresh: false, reason: `the Prisma client ${missingClient} has not been generated` };
  if (distDir === '.next' && !fs.existsSync(path.join(root, COMPILED_SERVER))) {
    return { fresh: false, reason: `the production server ${COMPILED_SERVER} has not been compiled` };
  }
  const builtAt = fs.statSync(buildId).mtimeMs;
  const newest = newestBuildInput(root);
  if (newest && newest.mtimeMs > builtAt) return { fresh: false, reason: `${newest.file} changed after the last build` };
  return { fresh: true };
}

/**
 * Dates the build as of when it started, not when it ended: a source edited
 * (or a branch merged) while `next build` ran may not be in the build, so it
 * must count as newer. Call after a successful build with its start time.
 */
export function markBuiltAsOf(root: string, startedAtMs: number, distDir = '.next'): void {
  const buildId = path.join(root, distDir, 'BUILD_ID');
  const startedAt = new Date(startedAtMs);
  fs.utimesSync(buildId, startedAt, startedAt);
}
