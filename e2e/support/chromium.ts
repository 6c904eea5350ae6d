// Which Chromium Playwright drives: Playwright's own when installed, else
// Debian's, else a clear way out. Shared by playwright.config.ts and
// playwright.cluster.config.ts.
import fs from 'node:fs';
import { chromium, type LaunchOptions } from '@playwright/test';

export function chromiumLaunchOptions(extraArgs: string[] = []): LaunchOptions {
  if (fs.existsSync(chromium.executablePath())) return extraArgs.length > 0 ? { args: extraArgs } : {};
  const system = '/usr/bin/chromium';
  if (fs.existsSync(system)) {
    return {
      executablePath: system,
      args: [
        '--no-sandbox', // CI runs as root
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        ...extraArgs,
      ],
    };
  }
  throw new Error(
    'No Chromium for the e2e tests. Install one:\n' +
      '  npx playwright install chromium    (downloads Playwright\'s build; needs access to its CDN)\n' +
      '  apt-get install -y chromium        (Debian/Ubuntu; used from /usr/bin/chromium)',
  );
}
