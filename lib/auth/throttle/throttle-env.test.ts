// The sign-in throttling settings as lib/env.ts reads them (lib/config/env-schema.ts).
import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../config/env-schema';
import { throttleConfigFromEnv } from './throttle';
import { testSecret } from '../../../test/secrets';

const base = { SESSION_SECRETS: `1:${testSecret('a')}` };

describe('throttling configuration', () => {
  it('defaults: 5 failures in 15 minutes, a 15-minute first lock, the 5th lock in 24 h needs an unlock, 50 attempts per address per 15 minutes, 5-minute pending login', () => {
    const env = parseEnv(base);
    expect(throttleConfigFromEnv(env)).toEqual({
      maxFailures: 5,
      failureWindowMs: 15 * 60_000,
      lockoutMs: 15 * 60_000,
      maxLocks: 5,
      lockMemoryMs: 24 * 3_600_000,
      ipMaxAttempts: 50,
      ipWindowMs: 15 * 60_000,
    });
    expect(env.PENDING_LOGIN_TTL).toBe(5 * 60_000);
  });

  it('accepts durations and a relaxed per-IP limit (the e2e server uses both)', () => {
    const env = parseEnv({ ...base, LOGIN_LOCKOUT_DURATION: '5s', LOGIN_IP_MAX_ATTEMPTS: '10000', LOGIN_IP_WINDOW: '1h', PENDING_LOGIN_TTL: '90s' });
    expect(throttleConfigFromEnv(env)).toMatchObject({ lockoutMs: 5_000, ipMaxAttempts: 10_000, ipWindowMs: 3_600_000 });
    expect(env.PENDING_LOGIN_TTL).toBe(90_000);
  });

  it('never allows more than five consecutive failures (PSD2 RTS Art. 4(3)(b)); fewer is fine', () => {
    expect(parseEnv({ ...base, LOGIN_MAX_FAILURES: '3' }).LOGIN_MAX_FAILURES).toBe(3);
    for (const value of ['11', '0']) expect(() => parseEnv({ ...base, LOGIN_MAX_LOCKS: value })).toThrow(/LOGIN_MAX_LOCKS/);
    for (const value of ['6', '0', 'many']) {
      expect(() => parseEnv({ ...base, LOGIN_MAX_FAILURES: value })).toThrow(EnvError);
    }
    expect(() => parseEnv({ ...base, LOGIN_LOCKOUT_DURATION: 'soon' })).toThrow(/LOGIN_LOCKOUT_DURATION/);
  });
});
