// `npm test` provides the Chromium its e2e step needs, so that on a fresh machine
// `npm install && npm test` is all it takes. In order, saying what it does:
//   1. one already there: Playwright's own build, or a system Chromium on PATH;
//   2. Playwright's installer (`playwright install chromium`) where its download server is reachable;
//   3. as root, the system package manager (apt-get install chromium);
//   4. otherwise a message naming both commands, and exit 1.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { findChromium, findOnPath, NO_CHROMIUM_HELP, type ChromiumFound } from './lib/chromium.ts';
import { localBin, run } from './lib/process.ts';

export type ProvisionSteps = {
  find: () => ChromiumFound | undefined;
  installWithPlaywright: () => Promise<boolean>;
  /** Absent when this process may not use the system package manager. */
  installWithSystemPackages?: () => Promise<boolean>;
  log: (line: string) => void;
};

export async function provideChromium(steps: ProvisionSteps): Promise<ChromiumFound | undefined> {
  const present = steps.find();
  if (present) return present;

  steps.log("No Chromium found. Trying Playwright's installer: playwright install chromium");
  if ((await steps.installWithPlaywright()) && steps.find()) return steps.find();

  if (!steps.installWithSystemPackages) {
    steps.log("Playwright's installer did not succeed, and installing a system package needs root with apt-get.");
    return undefined;
  }
  steps.log("Playwright's installer did not succeed. Installing the system package: apt-get install -y chromium");
  if (await steps.installWithSystemPackages()) return steps.find();
  return undefined;
}

// Ten minutes is a slow download; a closed network fails in a second or two.
const INSTALL_TIMEOUT_MS = 10 * 60_000;

async function installWithApt(): Promise<boolean> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => run('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium'], { env, timeoutMs: INSTALL_TIMEOUT_MS });
  if ((await install()) === 0) return true;
  // A fresh machine often has no package lists yet.
  return (await run('apt-get', ['update', '-q'], { env, timeoutMs: INSTALL_TIMEOUT_MS })) === 0 && (await install()) === 0;
}

function describe(found: ChromiumFound): string {
  const version = spawnSync(found.executablePath, ['--version'], { encoding: 'utf8', timeout: 30_000 }).stdout?.trim();
  const what = found.kind === 'playwright' ? "Playwright's Chromium" : 'the system Chromium';
  return `${what} at ${found.executablePath}${version ? ` (${version})` : ''}`;
}

async function main(): Promise<void> {
  const isRoot = process.getuid?.() === 0;
  const found = await provideChromium({
    find: () => findChromium(),
    installWithPlaywright: async () => (await run(localBin('playwright'), ['install', 'chromium'], { timeoutMs: INSTALL_TIMEOUT_MS })) === 0,
    installWithSystemPackages: isRoot && findOnPath(['apt-get'], process.env.PATH ?? '') ? installWithApt : undefined,
    log: (line) => console.log(line),
  });
  if (!found) {
    console.error(`\n${NO_CHROMIUM_HELP}`);
    process.exit(1);
  }
  console.log(`e2e tests will use ${describe(found)}.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
