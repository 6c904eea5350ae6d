// Which Chromium the e2e tests drive — one answer for playwright.config.ts and
// for `npm test`, which provides one when there is none (scripts/provide-browser.ts).
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

export type ChromiumFound =
  | { kind: 'playwright'; executablePath: string }
  | { kind: 'system'; executablePath: string };

/** Names a distribution's Chromium goes by on PATH (Debian: chromium; Ubuntu, older Debian: chromium-browser). */
const SYSTEM_NAMES = ['chromium', 'chromium-browser'];

/** The first executable file named one of `names` in the directories of `searchPath`. */
export function findOnPath(names: string[], searchPath: string): string | undefined {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      const file = path.join(dir, name);
      try {
        fs.accessSync(file, fs.constants.X_OK);
        if (fs.statSync(file).isFile()) return file;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** Playwright's own build when installed (it matches this @playwright/test exactly), else a system Chromium on PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumFound | undefined {
  const own = chromium.executablePath();
  if (fs.existsSync(own)) return { kind: 'playwright', executablePath: own };
  const system = findOnPath(SYSTEM_NAMES, env.PATH ?? '');
  return system ? { kind: 'system', executablePath: system } : undefined;
}

/** Flags a distribution's Chromium needs here; Playwright's build needs none. */
export const SYSTEM_CHROMIUM_ARGS = [
  '--no-sandbox', // CI runs as root
  '--disable-gpu',
  // A closed network refuses Chromium's background connections by the dozen.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const NO_CHROMIUM_HELP =
  'No Chromium for the e2e tests, and `npm test` could not provide one. Install one, then run `npm test` again:\n' +
  '  npx playwright install chromium    (Playwright\'s own build; needs access to its download server)\n' +
  '  sudo apt-get install -y chromium   (Debian/Ubuntu; found on PATH as chromium or chromium-browser)';
