// `npm test` on a machine without a browser: the real script, run with a PATH
// that holds no Chromium and a Playwright browser folder that is empty.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot, type Environment } from './lib/process.ts';
import { provideChromium, type ProvisionSteps } from './provide-browser.ts';

const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx');
const script = path.join(projectRoot, 'scripts', 'provide-browser.ts');
const isRoot = process.getuid?.() === 0;
const made: string[] = [];

/** A machine with node and nothing else on PATH; Playwright's download server unreachable (a closed port). */
function bareMachine(): { bin: string; env: Environment } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'no-browser-'));
  made.push(root);
  const bin = path.join(root, 'bin');
  fs.mkdirSync(bin);
  fs.symlinkSync(process.execPath, path.join(bin, 'node'));
  const env = {
    HOME: root,
    PATH: bin,
    PLAYWRIGHT_BROWSERS_PATH: path.join(root, 'browsers'),
    PLAYWRIGHT_DOWNLOAD_HOST: 'http://127.0.0.1:9',
  };
  return { bin, env };
}

function writeExecutable(file: string, body: string): void {
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
}

function runScript(env: Environment) {
  const result = spawnSync(tsx, [script], { cwd: projectRoot, env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('provide-browser on a machine without Chromium', () => {
  it("tries Playwright's installer, then says plainly what to run, and fails", () => {
    const { env } = bareMachine();
    const { status, output } = runScript(env);
    expect(status).toBe(1);
    expect(output).toContain("Trying Playwright's installer");
    expect(output).toContain('npx playwright install chromium');
    expect(output).toContain('apt-get install -y chromium');
  }, 130_000);

  // The package manager here is a stand-in that puts a "chromium" on PATH the way apt would.
  it.runIf(isRoot)('as root, falls back to the system package manager and then uses what it installed', () => {
    const { bin, env } = bareMachine();
    writeExecutable(path.join(bin, 'apt-get'), `echo "apt-get $*"\n[ "$1" = install ] && printf '#!/bin/sh\\necho "Chromium 999.0"\\n' > "${bin}/chromium" && /bin/chmod +x "${bin}/chromium"\nexit 0`);
    const { status, output } = runScript(env);
    expect(output).toContain('apt-get install -y -q --no-install-recommends chromium');
    expect(output).toContain(`the system Chromium at ${path.join(bin, 'chromium')} (Chromium 999.0)`);
    expect(status).toBe(0);
  }, 130_000);

  it('uses a Chromium already on PATH without installing anything', () => {
    const { bin, env } = bareMachine();
    writeExecutable(path.join(bin, 'chromium-browser'), 'echo "Chromium 1.2.3"');
    const { status, output } = runScript(env);
    expect(output).not.toContain('Trying');
    expect(output).toContain(`the system Chromium at ${path.join(bin, 'chromium-browser')}`);
    expect(status).toBe(0);
  }, 130_000);
});

describe('provideChromium order', () => {
  const found = { kind: 'system', executablePath: '/x/chromium' } as const;

  function steps(overrides: Partial<ProvisionSteps>, calls: string[]): ProvisionSteps {
    return {
      find: () => undefined,
      installWithPlaywright: async () => (calls.push('playwright'), false),
      log: () => {},
      ...overrides,
    };
  }

  it('does not use the system package manager when not allowed to (not root)', async () => {
    const calls: string[] = [];
    expect(await provideChromium(steps({}, calls))).toBeUndefined();
    expect(calls).toEqual(['playwright']);
  });

  it("stops at Playwright's installer when it works", async () => {
    const calls: string[] = [];
    let installed = false;
    const result = await provideChromium(
      steps(
        {
          find: () => (installed ? found : undefined),
          installWithPlaywright: async () => (calls.push('playwright'), (installed = true)),
          installWithSystemPackages: async () => (calls.push('apt'), true),
        },
        calls,
      ),
    );
    expect(result).toEqual(found);
    expect(calls).toEqual(['playwright']);
  });
});
