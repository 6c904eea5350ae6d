// server.ts decides whether to trust X-Forwarded-For before Next starts:
// a TRUST_PROXY that lives only in .env must count, as it does for the app.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testSecret } from '../../test/secrets.ts';
import { localBin, projectRoot } from './process.ts';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-serve-env-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What loadServerSettings(dir) answers in a fresh process with `env` (no TRUST_PROXY unless given). */
function settingsIn(env: Record<string, string>): { trustProxy: boolean; requestStart: unknown } | { error: string } {
  const script = `import { loadServerSettings } from ${JSON.stringify(path.join(projectRoot, 'scripts/lib/server-env.ts'))};
    try { console.log(JSON.stringify(loadServerSettings(${JSON.stringify(dir)}))); } catch (e) { console.log(JSON.stringify({ error: e.message })); }`;
  const { TRUST_PROXY: _ignored, TRUST_REQUEST_START: _ignoredToo, SESSION_SECRETS: _alsoIgnored, ...base } = process.env;
  const result = spawnSync(localBin('tsx'), ['--eval', script], { env: { ...base, ...env }, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!);
}

describe('loadServerSettings (server.ts)', () => {
  it('sees TRUST_PROXY=true from .env alone', () => {
    fs.writeFileSync(path.join(dir, '.env'), `SESSION_SECRETS=1:${testSecret('serve')}\nTRUST_PROXY=true\n`);
    expect(settingsIn({})).toMatchObject({ trustProxy: true });
  });

  it('lets the environment win over .env, like Next does', () => {
    fs.writeFileSync(path.join(dir, '.env'), `SESSION_SECRETS=1:${testSecret('serve')}\nTRUST_PROXY=true\n`);
    expect(settingsIn({ TRUST_PROXY: 'false' })).toMatchObject({ trustProxy: false });
  });

  it('is false without any TRUST_PROXY', () => {
    expect(settingsIn({ SESSION_SECRETS: `1:${testSecret('serve')}` })).toMatchObject({ trustProxy: false });
  });

  it('refuses an invalid TRUST_PROXY with the configuration error the app would give', () => {
    fs.writeFileSync(path.join(dir, '.env'), `SESSION_SECRETS=1:${testSecret('serve')}\nTRUST_PROXY=yes\n`);
    expect(settingsIn({})).toEqual({ error: expect.stringMatching(/TRUST_PROXY/) });
  });

  it('refuses NODE_ENV=production without SMTP_URL, naming it (ADR 040); starts with one', () => {
    fs.writeFileSync(path.join(dir, '.env'), `SESSION_SECRETS=1:${testSecret('serve')}\n`);
    expect(settingsIn({ NODE_ENV: 'production' })).toEqual({ error: expect.stringMatching(/SMTP_URL: is required when NODE_ENV=production/) });
    expect(settingsIn({ NODE_ENV: 'production', SMTP_URL: 'smtps://mail.example.com' })).toMatchObject({ trustProxy: false });
  });

  it('does not trust X-Request-Start on TRUST_PROXY alone (ADR 033)', () => {
    fs.writeFileSync(path.join(dir, '.env'), `SESSION_SECRETS=1:${testSecret('serve')}\nTRUST_PROXY=true\n`);
    expect(settingsIn({})).toMatchObject({ trustProxy: true, requestStart: { trusted: false } });
  });

  it('trusts it under TRUST_REQUEST_START, bounded by min(5 s, grace / 3)', () => {
    fs.writeFileSync(path.join(dir, '.env'), `SESSION_SECRETS=1:${testSecret('serve')}\nTRUST_PROXY=true\nTRUST_REQUEST_START=true\nSESSION_ROTATION_GRACE=3s\n`);
    expect(settingsIn({})).toMatchObject({ requestStart: { trusted: true, maxBackdateMs: 1_000 } });
  });
});
