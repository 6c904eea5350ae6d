import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testSecret as secret } from '../../test/secrets';
import { EnvError, parseEnv } from './env-schema';

const valid = { SESSION_SECRETS: `1:${secret('a')}` };

/** The EnvError parseEnv throws for `source` (fails the test if it does not throw one). */
function envError(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return error as EnvError;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

const minutes = (n: number) => n * 60_000;
const seconds = (n: number) => n * 1_000;

describe('parseEnv defaults', () => {
  it('needs nothing but SESSION_SECRETS', () => {
    const env = parseEnv(valid);
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      SESSION_PROFILE: 'default',
      SESSION_IDLE_TIMEOUT: minutes(15),
      SESSION_ABSOLUTE_TIMEOUT: minutes(12 * 60),
      SESSION_ROTATION_INTERVAL: minutes(5),
      SESSION_ROTATION_GRACE: seconds(30),
      SESSION_TOUCH_INTERVAL: seconds(60),
      SESSION_FRESH_AUTH_WINDOW: minutes(5),
      SESSION_RETENTION: minutes(30 * 24 * 60),
      SESSION_PURGE_INTERVAL: minutes(60),
      SESSION_KEY_ROLLOUT: minutes(15),
      PORT: 3000,
      SIGN_UP: 'off', // ADR 045: nobody signs up unless the operator chose it
    });
    expect(env.SESSION_SECRETS).toEqual({ 1: secret('a') });
    expect(env.DATABASE_URL).toBeUndefined(); // → the embedded SQLite file
  });

  it('treats empty strings as unset', () => {
    const env = parseEnv({ ...valid, PORT: '', SESSION_IDLE_TIMEOUT: '', DATABASE_URL: '' });
    expect(env.PORT).toBe(3000);
    expect(env.SESSION_IDLE_TIMEOUT).toBe(minutes(15));
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('ignores variables it does not know', () => {
    expect(parseEnv({ ...valid, PATH: '/usr/bin', HOME: '/root' })).not.toHaveProperty('PATH');
  });

  it('accepts SQLite and PostgreSQL URLs', () => {
    expect(parseEnv({ ...valid, DATABASE_URL: 'file:./dev.db' }).DATABASE_URL).toBe('file:./dev.db');
    const pg = 'postgresql://app@127.0.0.1:5432/strongroom';
    expect(parseEnv({ ...valid, DATABASE_URL: pg }).DATABASE_URL).toBe(pg);
    expect(parseEnv({ ...valid, DATABASE_URL: 'postgres://app@db/strongroom' }).DATABASE_URL).toBe('postgres://app@db/strongroom');
  });
});

describe('each invalid variable is named in the error', () => {
  const cases: [variable: string, value: string][] = [
    ['NODE_ENV', 'staging'],
    ['DATABASE_URL', 'mysql://root@localhost/bank'],
    ['SESSION_SECRETS', 'too-short'],
    ['SESSION_PROFILE', 'strict'],
    ['SESSION_IDLE_TIMEOUT', 'soon'],
    ['SESSION_ABSOLUTE_TIMEOUT', '12 hours'],
    ['SESSION_ROTATION_INTERVAL', '5 minutes'],
    ['SESSION_ROTATION_GRACE', 'x'],
    ['SESSION_TOUCH_INTERVAL', '1w'],
    ['SESSION_FRESH_AUTH_WINDOW', '-5m'],
    ['SESSION_RETENTION', 'forever'],
    ['SESSION_PURGE_INTERVAL', 'hourly'],
    ['SESSION_KEY_ROLLOUT', 'later'],
    ['SESSION_KEY_ROLLOUT', '-1m'],
    ['PORT', 'http'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['SIGN_UP', 'yes'],
    ['SIGN_UP', 'OPEN'],
  ];

  it.each(cases)('%s=%j', (variable, value) => {
    const error = envError({ ...valid, [variable]: value });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(new RegExp(`^${variable}: `));
    expect(error.message).toContain(variable);
    expect(error.message).toMatch(/^Invalid configuration:/);
  });

  it('SESSION_KEY_ROLLOUT accepts 0 (emergency rotation) and says what a duration is', () => {
    expect(parseEnv({ ...valid, SESSION_KEY_ROLLOUT: '0' }).SESSION_KEY_ROLLOUT).toBe(0);
    expect(parseEnv({ ...valid, SESSION_KEY_ROLLOUT: '20s' }).SESSION_KEY_ROLLOUT).toBe(seconds(20));
    expect(envError({ ...valid, SESSION_KEY_ROLLOUT: 'soon' }).problems).toEqual([
      'SESSION_KEY_ROLLOUT: "soon" is not a duration (use e.g. 0, 90s, 15m, 1h)',
    ]);
  });

  it('SIGN_UP takes open, invite-only and off (ADR 045)', () => {
    for (const mode of ['open', 'invite-only', 'off'] as const) expect(parseEnv({ ...valid, SIGN_UP: mode }).SIGN_UP).toBe(mode);
  });

  it('reports every invalid variable at once', () => {
    const error = envError({ SESSION_SECRETS: 'short', PORT: 'x', SESSION_PROFILE: 'nope' });
    expect(error.problems.map((p) => p.split(':')[0]).sort()).toEqual(['PORT', 'SESSION_PROFILE', 'SESSION_SECRETS']);
  });

  it('does not echo credentials from DATABASE_URL', () => {
    const error = envError({ ...valid, DATABASE_URL: 'mysql://root:hunter2@db.internal/bank' });
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('db.internal');
  });
});

describe('SESSION_SECRETS', () => {
  it('is required', () => {
    const error = envError({});
    expect(error.problems).toEqual([expect.stringMatching(/^SESSION_SECRETS: is required/)]);
  });

  it('maps ids to secrets (the highest id seals; order does not matter)', () => {
    const env = parseEnv({ SESSION_SECRETS: `2:${secret('b')},1:${secret('a')}` });
    expect(env.SESSION_SECRETS).toEqual({ 1: secret('a'), 2: secret('b') });
    expect(parseEnv({ SESSION_SECRETS: `1:${secret('a')}, 3:${secret('c')}` }).SESSION_SECRETS).toEqual({
      1: secret('a'),
      3: secret('c'),
    });
  });

  it('takes a bare secret as id 1', () => {
    expect(parseEnv({ SESSION_SECRETS: secret('z') }).SESSION_SECRETS).toEqual({ 1: secret('z') });
  });

  it('keeps colons inside a secret', () => {
    const withColons = `abc:def:${secret('colons')}`;
    expect(parseEnv({ SESSION_SECRETS: `7:${withColons}` }).SESSION_SECRETS).toEqual({ 7: withColons });
  });

  it('rejects a bare secret among several entries', () => {
    const error = envError({ SESSION_SECRETS: `2:${secret('b')},${secret('a')}` });
    expect(error.problems[0]).toMatch(/^SESSION_SECRETS: entry 2 needs an id/);
  });

  it('rejects a secret shorter than 32 characters, without echoing it', () => {
    const short = 'x'.repeat(31);
    const error = envError({ SESSION_SECRETS: `1:${short}` });
    expect(error.problems[0]).toMatch(/^SESSION_SECRETS: secret 1 is shorter than 32 characters/);
    expect(error.message).not.toContain(short);
    const exactly32 = secret('32').slice(0, 32);
    expect(parseEnv({ SESSION_SECRETS: `1:${exactly32}` }).SESSION_SECRETS[1]).toBe(exactly32);
  });

  it('rejects duplicate ids', () => {
    const error = envError({ SESSION_SECRETS: `1:${secret('a')},1:${secret('b')}` });
    expect(error.problems[0]).toMatch(/^SESSION_SECRETS: id 1 appears twice/);
  });

  it('rejects id 0', () => {
    expect(envError({ SESSION_SECRETS: `0:${secret('a')}` }).problems[0]).toMatch(/^SESSION_SECRETS: ids must be positive/);
  });

  // iron-session seals under String(Math.max(...ids.map(Number))): an id not written
  // that way names no secret, and every login then fails with "Empty password".
  it.each([
    ['01', /^SESSION_SECRETS: id 01 must be written 1 \(no leading zeros\)/],
    ['007', /^SESSION_SECRETS: id 007 must be written 7/],
    ['12345678901234567890', /^SESSION_SECRETS: id 12345678901234567890 is too large/],
    ['9007199254740993', /^SESSION_SECRETS: id 9007199254740993 is too large/],
    ['00', /^SESSION_SECRETS: ids must be positive/],
  ])('rejects the non-canonical id %s', (id, message) => {
    expect(envError({ SESSION_SECRETS: `${id}:${secret('a')}` }).problems[0]).toMatch(message);
  });

  it('rejects ids that are the same number written differently', () => {
    const error = envError({ SESSION_SECRETS: `2:${secret('b')},02:${secret('a')}` });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(/^SESSION_SECRETS: id 02 must be written 2/);
  });

  it('accepts the largest id iron-session can look up', () => {
    const id = String(Number.MAX_SAFE_INTEGER);
    expect(Object.keys(parseEnv({ SESSION_SECRETS: `${id}:${secret('a')}` }).SESSION_SECRETS)).toEqual([id]);
  });

  it.each([
    ['32 repeated characters', 'a'.repeat(32)],
    ['a short cycle', 'abcd'.repeat(8)],
    ['a word written several times', 'changeme'.repeat(4)],
    ['a long run with one odd character', `${'x'.repeat(40)}y`],
  ])('rejects a predictable secret (%s), without echoing it', (_label, weak) => {
    const error = envError({ SESSION_SECRETS: `2:${secret('b')},1:${weak}` });
    expect(error.problems).toEqual([expect.stringMatching(/^SESSION_SECRETS: secret 1 is too predictable \(about \d+ bits of entropy, at least 80 needed\): generate one with `openssl rand -base64 32`/)]);
    expect(error.message).not.toContain(weak);
  });

  it('accepts random secrets of the minimum length in every common encoding', () => {
    for (let i = 0; i < 200; i++) {
      for (const random of [randomBytes(16).toString('hex'), randomBytes(24).toString('base64'), randomBytes(32).toString('base64url')]) {
        expect(parseEnv({ SESSION_SECRETS: `1:${random}` }).SESSION_SECRETS[1]).toBe(random);
      }
    }
  });

  it('rejects a list of nothing', () => {
    expect(envError({ SESSION_SECRETS: ' , ,' }).problems[0]).toMatch(/^SESSION_SECRETS: must name at least one secret/);
  });
});

describe('durations', () => {
  it.each([
    ['900', seconds(900)],
    ['90s', seconds(90)],
    ['15m', minutes(15)],
    ['12h', minutes(720)],
    ['1.5h', minutes(90)],
    ['2d', minutes(2 * 24 * 60)],
    ['250ms', 250],
    [' 2s ', seconds(2)],
  ])('%j → %d ms', (text, ms) => {
    expect(parseEnv({ ...valid, SESSION_FRESH_AUTH_WINDOW: text }).SESSION_FRESH_AUTH_WINDOW).toBe(ms);
  });

  it.each(['0', '0s', '-1m', '1w', 'm', '5 min'])('rejects %j', (text) => {
    expect(envError({ ...valid, SESSION_ABSOLUTE_TIMEOUT: text }).problems[0]).toMatch(
      /^SESSION_ABSOLUTE_TIMEOUT: .* is not a duration/,
    );
  });

  it('rejects a zero idle timeout', () => {
    expect(envError({ ...valid, SESSION_IDLE_TIMEOUT: '0' }).problems[0]).toMatch(/^SESSION_IDLE_TIMEOUT: /);
  });
});

describe('session settings that contradict each other', () => {
  it('refuses a grace as long as the rotation interval, naming both', () => {
    expect(envError({ ...valid, SESSION_ROTATION_INTERVAL: '30s', SESSION_ROTATION_GRACE: '30s' }).problems).toEqual([
      expect.stringMatching(/^SESSION_ROTATION_GRACE \(30s\) must be shorter than SESSION_ROTATION_INTERVAL \(30s\)/),
    ]);
    expect(parseEnv({ ...valid, SESSION_ROTATION_INTERVAL: '31s', SESSION_ROTATION_GRACE: '30s' }).SESSION_ROTATION_GRACE).toBe(seconds(30));
  });

  it('refuses a touch interval as long as the idle timeout, naming both', () => {
    expect(envError({ ...valid, SESSION_IDLE_TIMEOUT: '1m', SESSION_TOUCH_INTERVAL: '90s' }).problems).toEqual([
      expect.stringMatching(/^SESSION_TOUCH_INTERVAL \(90s\) must be shorter than SESSION_IDLE_TIMEOUT \(1m\)/),
    ]);
  });

  it('refuses an explicit idle timeout above the psd2 profile\'s bound, naming both', () => {
    expect(envError({ ...valid, SESSION_PROFILE: 'psd2', SESSION_IDLE_TIMEOUT: '10m' }).problems).toEqual([
      expect.stringMatching(/^SESSION_IDLE_TIMEOUT \(10m\) exceeds the 5m that SESSION_PROFILE=psd2 allows/),
    ]);
    expect(parseEnv({ ...valid, SESSION_PROFILE: 'psd2', SESSION_IDLE_TIMEOUT: '3m' }).SESSION_IDLE_TIMEOUT).toBe(minutes(3));
    expect(parseEnv({ ...valid, SESSION_IDLE_TIMEOUT: '10m' }).SESSION_IDLE_TIMEOUT).toBe(minutes(10));
  });

  it('reports every contradiction at once', () => {
    const { problems } = envError({ ...valid, SESSION_ROTATION_GRACE: '10m', SESSION_TOUCH_INTERVAL: '1h' });
    expect(problems).toHaveLength(2);
  });
});

describe('SESSION_PROFILE', () => {
  it('psd2 sets a 5-minute idle timeout (PSD2 RTS Art. 4(3)(d))', () => {
    const env = parseEnv({ ...valid, SESSION_PROFILE: 'psd2' });
    expect(env.SESSION_PROFILE).toBe('psd2');
    expect(env.SESSION_IDLE_TIMEOUT).toBe(minutes(5));
  });

  it('an explicit SESSION_IDLE_TIMEOUT wins over the profile', () => {
    expect(parseEnv({ ...valid, SESSION_PROFILE: 'psd2', SESSION_IDLE_TIMEOUT: '2m' }).SESSION_IDLE_TIMEOUT).toBe(minutes(2));
  });

  it('leaves the other timeouts at their defaults', () => {
    const env = parseEnv({ ...valid, SESSION_PROFILE: 'psd2' });
    expect(env.SESSION_ABSOLUTE_TIMEOUT).toBe(minutes(720));
    expect(env.SESSION_ROTATION_INTERVAL).toBe(minutes(5));
  });
});

describe('production', () => {
  it('fails without SESSION_SECRETS', () => {
    const error = envError({ NODE_ENV: 'production' });
    expect(error.problems).toEqual([expect.stringMatching(/^SESSION_SECRETS: /)]);
  });

  it('starts with SESSION_SECRETS', () => {
    expect(parseEnv({ ...valid, NODE_ENV: 'production' }).NODE_ENV).toBe('production');
  });
});

describe('TRUST_REQUEST_START (ADR 033)', () => {
  it('is off by default, even with TRUST_PROXY', () => {
    expect(parseEnv({ ...valid, TRUST_PROXY: 'true' })).toMatchObject({ TRUST_PROXY: true, TRUST_REQUEST_START: false });
  });

  it('can be turned on behind a trusted proxy', () => {
    expect(parseEnv({ ...valid, TRUST_PROXY: 'true', TRUST_REQUEST_START: 'true' })).toMatchObject({ TRUST_REQUEST_START: true });
  });

  it('is refused without TRUST_PROXY: without a proxy, only the client could have written it', () => {
    expect(envError({ ...valid, TRUST_REQUEST_START: 'true' }).message).toMatch(/TRUST_REQUEST_START: needs TRUST_PROXY=true/);
    expect(envError({ ...valid, TRUST_PROXY: 'true', TRUST_REQUEST_START: 'yes' }).message).toMatch(/TRUST_REQUEST_START/);
  });
});
