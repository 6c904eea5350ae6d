// The Playwright security suite (e2e/). Playwright builds and starts the app
// itself (webServer → e2e/support/server.ts) on a free port, with a throwaway
// database, generated secrets and short session timeouts: e2e/support/environment.ts.
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/chromium.ts';
import { e2eBaseURL, e2eMailEnv, e2eMailInboxUrl, e2eOidcEnv, e2eOidcIssuer, e2eServerEnv } from './e2e/support/environment.ts';

const ci = Boolean(process.env.CI);
const tsx = path.join(import.meta.dirname, 'node_modules', '.bin', 'tsx');

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // The multi-instance suite needs nginx and PostgreSQL: `npm run test:cluster`.
  testIgnore: 'cluster/**',
  outputDir: 'test-results',
  // Files run in parallel; tests inside a file in order (they share seeded users).
  fullyParallel: false,
  workers: 2,
  retries: ci ? 1 : 0, // a retried pass is still reported as "flaky"
  forbidOnly: ci,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL: e2eBaseURL,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  // Started in order, each awaited: the identity provider and the mail catcher
  // first (the app reads its AUTH_OIDC_* and SMTP_URL settings at start), then the app.
  webServer: [
    {
      command: `"${tsx}" e2e/support/mail-catcher.ts`,
      url: `${e2eMailInboxUrl}/api/messages`,
      env: e2eMailEnv,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      command: `"${tsx}" e2e/support/oidc-provider.ts`,
      url: `${e2eOidcIssuer}/.well-known/openid-configuration`,
      env: e2eOidcEnv,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      command: `"${tsx}" e2e/support/server.ts`,
      url: `${e2eBaseURL}/api/health`,
      env: e2eServerEnv,
      // Migrations, seed and (when sources changed) a production build on 2 cores.
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
  ],
});
