// Unit and integration tests beside the code (`**/*.test.ts`); Playwright owns e2e/.
// Every worker gets its own real, migrated database: see test/global-setup.ts and test/setup.ts.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      // `import 'server-only'` guards app modules against client bundles; under test it is a no-op.
      { find: /^server-only$/, replacement: `${root}test/empty.ts` },
      { find: /^@\//, replacement: root },
    ],
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'e2e/**', '.next/**', '.tmp/**', 'prisma/generated/**', 'test-results/**'],
    environment: 'node',
    // Processes, not threads: native modules (better-sqlite3, argon2) and per-worker
    // process.env.DATABASE_URL. Two workers on the project's 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    // argon2id at OWASP parameters and real database round trips are not instant.
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
