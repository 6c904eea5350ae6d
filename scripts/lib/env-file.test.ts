import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnv } from '../../lib/config/env-schema.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureEnvFile, generateSecret } from './env-file.ts';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-env-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The variables a dotenv file sets (what process.loadEnvFile would load). */
function readEnv(file: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('ensureEnvFile', () => {
  it('writes a private .env whose SESSION_SECRETS passes validation', () => {
    const file = path.join(dir, '.env');
    expect(ensureEnvFile(file)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const vars = readEnv(file);
    expect(Object.keys(vars)).toEqual(['SESSION_SECRETS']); // everything else is a commented-out example
    expect(vars.SESSION_SECRETS).toMatch(/^1:[A-Za-z0-9_-]{43}$/);
    expect(parseEnv(vars).SESSION_SECRETS).toEqual({ 1: vars.SESSION_SECRETS!.slice(2) });
  });

  it('never overwrites an existing file', () => {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, 'SESSION_SECRETS=1:mine-mine-mine-mine-mine-mine-mine-mine\n');
    expect(ensureEnvFile(file)).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe('SESSION_SECRETS=1:mine-mine-mine-mine-mine-mine-mine-mine\n');
  });

  it('generates a different 256-bit secret each time', () => {
    const secrets = new Set(Array.from({ length: 20 }, generateSecret));
    expect(secrets.size).toBe(20);
    for (const secret of secrets) expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
  });
});
