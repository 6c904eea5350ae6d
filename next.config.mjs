import fs from 'node:fs';

// Security headers that never vary per request are set here so they also cover
// static files, which middleware.ts skips for speed. The per-request parts
// (CSP with a nonce, Cache-Control on authenticated pages) live in middleware.ts.

const hsts = 'max-age=63072000; includeSubDomains; preload';

const staticSecurityHeaders = [
  { key: 'Strict-Transport-Security', value: hsts },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  // Not no-referrer: that makes browsers send `Origin: null` on form posts,
  // which Next rejects as a cross-origin Server Action.
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  // interest-cohort (FLoC) is gone from browsers; Chrome logs an error for the unknown feature.
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  // 0 turns off the legacy XSS auditor, whose filtering could itself be abused to
  // blank or alter pages (OWASP HTTP Headers Cheat Sheet); the CSP does that job.
  { key: 'X-XSS-Protection', value: '0' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
  { key: 'X-DNS-Prefetch-Control', value: 'off' },
];

// `npm run bench` builds a second app into its own folder with the probe routes
// (app/bench/*/route.bench.ts): only that build picks up `*.bench.ts` files, so
// the shipped build in .next never contains them (next-config.test.ts, ADR 023).
const benchBuild = process.env.STRONGROOM_BENCH_BUILD === '1';
const defaultPageExtensions = ['tsx', 'ts', 'jsx', 'js'];

// The migrations this build's schema expects, per provider: /api/health reports
// not-ready while the database lacks one of them (lib/dal/health.ts, ADR 043).
const migrationsDir = new URL('./prisma/migrations/', import.meta.url);
const migrationsOf = (provider) => {
  const dir = new URL(`${provider}/`, migrationsDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(new URL(`${entry.name}/migration.sql`, dir)))
    .map((entry) => entry.name)
    .sort();
};
const buildMigrations = JSON.stringify({ sqlite: migrationsOf('sqlite'), postgresql: migrationsOf('postgresql') });

/** @type {import('next').NextConfig} */
const nextConfig = {
  ...(benchBuild ? { distDir: '.next-bench', pageExtensions: ['bench.ts', ...defaultPageExtensions] } : { pageExtensions: defaultPageExtensions }),
  poweredByHeader: false,
  // No type check inside `next build`: it runs in `npm test` (npm run typecheck),
  // where the test files' dev dependencies are installed. A production build runs
  // with production dependencies only (ADR 043). Next still needs the typescript
  // package to read tsconfig.json, so that one is a dependency.
  typescript: { ignoreBuildErrors: true },
  // Not `output: 'standalone'`: unsupported (ADR 043); scripts/build-server.mjs refuses it.
  env: { STRONGROOM_BUILD_MIGRATIONS: buildMigrations },
  reactStrictMode: true,
  serverExternalPackages: ['better-sqlite3', 'argon2', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'pg'],
  // Stack traces and source never reach the browser in production.
  productionBrowserSourceMaps: false,
  experimental: {
    // Above the largest form we accept, so an oversized field (a 1 MB
    // "password") reaches our validation and gets a clear message instead of
    // Next's 500. Bodies beyond this are refused in middleware with a 413.
    serverActions: { bodySizeLimit: '2mb' },
  },
  async headers() {
    return [
      { source: '/:path*', headers: staticSecurityHeaders },
      // The reset and email-change links' own URLs carry their tokens (ADR 040, 046); the routes only redirect
      // (no form posts there), so no-referrer costs nothing. A later entry wins.
      { source: '/reset-password', headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }] },
      { source: '/confirm-email', headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }] },
      // The same for the verification and invitation links (ADR 045).
      { source: '/verify-email', headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }] },
      { source: '/accept-invitation', headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }] },
    ];
  },
};

export default nextConfig;
