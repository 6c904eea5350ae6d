// SSO configuration: the AUTH_OIDC_* rules in lib/config/env-schema.ts, the
// settings derived from them, next-auth's derived secret and its cookies.
import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../config/env-schema';
import { parseSessionSecrets } from '../../config/secrets';
import { authjsCookies, expireAuthjsCookies, isAuthjsCookieName } from './cookies';
import { oidcRedirectUri } from './constants';
import { deriveNextAuthSecrets } from './secret';
import { createSessionKeys } from '../../config/sealing-key';
import { ssoSettingsFromEnv } from './settings';
import { testSecret } from '../../../test/secrets';

const base = { SESSION_SECRETS: `1:${testSecret('a')}` };
const oidc = {
  AUTH_OIDC_ISSUER: 'https://login.example.com',
  AUTH_OIDC_CLIENT_ID: 'strongroom',
  AUTH_OIDC_CLIENT_SECRET: 'client-secret',
};

function problems(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

describe('AUTH_OIDC_* validation', () => {
  it('leaves SSO off when none is set', () => {
    expect(ssoSettingsFromEnv(parseEnv(base))).toBeNull();
  });

  it('turns SSO on with all three, "SSO" as the default name', () => {
    expect(ssoSettingsFromEnv(parseEnv({ ...base, ...oidc }))).toEqual({
      issuer: 'https://login.example.com',
      clientId: 'strongroom',
      clientSecret: 'client-secret',
      displayName: 'SSO',
    });
    expect(ssoSettingsFromEnv(parseEnv({ ...base, ...oidc, AUTH_OIDC_NAME: ' Acme ID ' }))?.displayName).toBe('Acme ID');
  });

  it.each(['AUTH_OIDC_ISSUER', 'AUTH_OIDC_CLIENT_ID', 'AUTH_OIDC_CLIENT_SECRET'] as const)('refuses a partial set without %s', (missing) => {
    const found = problems({ ...base, ...oidc, [missing]: undefined });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${missing}: is required when`));
  });

  it('refuses a single stray setting, naming every missing one', () => {
    const found = problems({ ...base, AUTH_OIDC_CLIENT_ID: 'x' });
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual(['AUTH_OIDC_CLIENT_SECRET', 'AUTH_OIDC_ISSUER']);
  });

  it('treats empty strings as unset', () => {
    expect(ssoSettingsFromEnv(parseEnv({ ...base, AUTH_OIDC_ISSUER: '', AUTH_OIDC_CLIENT_ID: '', AUTH_OIDC_CLIENT_SECRET: '' }))).toBeNull();
  });

  it('refuses AUTH_OIDC_NAME when SSO is off', () => {
    expect(problems({ ...base, AUTH_OIDC_NAME: 'Acme' })[0]).toMatch(/^AUTH_OIDC_NAME: is set but SSO is off/);
  });

  it.each([
    ['not a url', /must be the issuer URL/],
    ['http://login.example.com', /must use https/],
    ['ftp://login.example.com', /must use https/],
    ['https://login.example.com/?tenant=1', /query or a fragment/],
    ['https://login.example.com/#x', /query or a fragment/],
    ['https://user:pw@login.example.com', /credentials/],
  ])('refuses the issuer %s', (issuer, message) => {
    expect(problems({ ...base, ...oidc, AUTH_OIDC_ISSUER: issuer }).join('\n')).toMatch(message);
  });

  it.each(['http://localhost:4455', 'http://127.0.0.1:4455', 'http://[::1]:4455', 'https://login.example.com/realms/bank'])(
    'accepts the issuer %s (http only on loopback)',
    (issuer) => {
      expect(parseEnv({ ...base, ...oidc, AUTH_OIDC_ISSUER: issuer }).AUTH_OIDC_ISSUER).toBe(issuer);
    },
  );

  it('accepts AUTH_URL as an origin only', () => {
    expect(parseEnv({ ...base, AUTH_URL: 'https://bank.example.com' }).AUTH_URL).toBe('https://bank.example.com');
    expect(problems({ ...base, AUTH_URL: 'https://bank.example.com/app' })[0]).toMatch(/^AUTH_URL: must be an origin/);
    expect(problems({ ...base, AUTH_URL: 'http://bank.example.com' })[0]).toMatch(/^AUTH_URL: must use https/);
  });
});

describe('deriveNextAuthSecrets', () => {
  const map = (text: string) => {
    const parsed = parseSessionSecrets(text);
    if (typeof parsed === 'string') throw new Error(parsed);
    return parsed;
  };

  it('derives one key per SESSION_SECRETS entry, newest id first, none equal to a secret', () => {
    const secrets = map(`1:${testSecret('a')},2:${testSecret('b')},10:${testSecret('c')}`);
    const derived = deriveNextAuthSecrets(secrets);
    expect(derived).toHaveLength(3);
    expect(derived[0]).toBe(deriveNextAuthSecrets(map(`1:${testSecret('c')}`))[0]); // id 10 sorts numerically first
    expect(new Set(derived).size).toBe(3);
    for (const key of derived) {
      expect(Buffer.from(key, 'base64url')).toHaveLength(32);
      expect(Object.values(secrets)).not.toContain(key);
    }
  });

  it('puts the sealing key first while a new key is being rolled out (next-auth encrypts with the first)', () => {
    const secrets = map(`2:${testSecret('b')},1:${testSecret('a')}`);
    const [newest, previous] = deriveNextAuthSecrets(secrets);
    expect(deriveNextAuthSecrets(createSessionKeys(secrets, 60_000, () => 0))).toEqual([previous, newest]);
    expect(deriveNextAuthSecrets(createSessionKeys(secrets, 60_000, () => 60_000))).toEqual([newest, previous]);
  });

  it('is stable, so every instance of the app derives the same key', () => {
    const secrets = map(`1:${testSecret('a')}`);
    expect(deriveNextAuthSecrets(secrets)).toEqual(deriveNextAuthSecrets(secrets));
  });
});

describe('next-auth cookies', () => {
  it('are all __Host- prefixed, Secure, HttpOnly, SameSite=Lax, Path=/', () => {
    for (const { name, options } of Object.values(authjsCookies)) {
      expect(name).toMatch(/^__Host-authjs\./);
      expect(options).toMatchObject({ secure: true, httpOnly: true, sameSite: 'lax', path: '/' });
      expect(options).not.toHaveProperty('domain');
    }
  });

  it('recognises every name next-auth uses, and nothing else', () => {
    for (const name of [
      '__Host-authjs.state',
      'authjs.session-token',
      '__Secure-authjs.session-token.0',
      '__Host-authjs.csrf-token',
      '__Secure-authjs.callback-url',
      'next-auth.session-token',
    ]) {
      expect(isAuthjsCookieName(name), name).toBe(true);
    }
    for (const name of ['__Host-session', '__Host-pending-login', 'authjs', 'my-authjs.state']) {
      expect(isAuthjsCookieName(name), name).toBe(false);
    }
  });

  it('expires only next-auth cookies, each once, with the attributes a __Host- deletion needs', () => {
    const written: { name: string; value: string; options: Record<string, unknown> }[] = [];
    const expired = expireAuthjsCookies(
      { set: (name, value, options) => written.push({ name, value, options }) },
      ['__Host-session', '__Host-authjs.state', '__Host-authjs.state', 'authjs.session-token'],
    );
    expect(expired).toEqual(['__Host-authjs.state', 'authjs.session-token']);
    for (const cookie of written) {
      expect(cookie.value).toBe('');
      expect(cookie.options).toMatchObject({ path: '/', secure: true, httpOnly: true, sameSite: 'lax', maxAge: 0 });
    }
  });
});

it('builds the redirect URI a provider must register', () => {
  expect(oidcRedirectUri('http://localhost:3000')).toBe('http://localhost:3000/api/auth/callback/oidc');
  expect(oidcRedirectUri('https://bank.example.com/')).toBe('https://bank.example.com/api/auth/callback/oidc');
});
