// The multi-instance suite (e2e/cluster/): `npm run test:cluster`. The spec starts
// its own fleet — PostgreSQL, two production instances, nginx with TLS
// (tools/lib/cluster.ts) — because it stops and restarts instances itself.
// Chromium trusts exactly the cluster's server key (--ignore-certificate-errors-spki-list),
// rather than ignoring certificate errors altogether: docs/decisions/024-cluster-behind-nginx.md.
import { execFileSync } from 'node:child_process';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/chromium.ts';
import { ensureClusterTls } from './tools/lib/tls.ts';

const tls = ensureClusterTls();

/** nginx's HTTPS port, chosen once by the runner and inherited by the worker. */
function clusterPort(): number {
  const script = "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close();})";
  return Number((process.env.E2E_CLUSTER_PORT ||= execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })));
}

const ci = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'e2e/cluster',
  testMatch: '*.spec.ts',
  outputDir: 'test-results/cluster',
  workers: 1,
  fullyParallel: false,
  retries: ci ? 1 : 0,
  forbidOnly: ci,
  reporter: 'list',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `https://localhost:${clusterPort()}`,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions([`--ignore-certificate-errors-spki-list=${tls.spkiSha256}`]),
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
