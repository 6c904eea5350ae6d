import { describe, expect, it } from 'vitest';
import { testSecret as secret } from '../../test/secrets';
import { EnvError, parseEnv } from './env-schema';
import { APP_NAME } from './app-name';

const valid = { SESSION_SECRETS: `1:${secret('a')}` };

function problems(source: Record<string, string>): string[] {
  try {
    parseEnv({ ...valid, ...source });
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

describe('the passkey relying party (RP_ID, RP_ORIGIN)', () => {
  it('defaults to what `npm start` serves: http://localhost:$PORT', () => {
    expect(parseEnv(valid).relyingParty).toEqual({ id: 'localhost', origin: 'http://localhost:3000', name: APP_NAME });
    expect(parseEnv({ ...valid, PORT: '4123' }).relyingParty.origin).toBe('http://localhost:4123');
  });

  it('follows AUTH_URL when that names the public origin', () => {
    expect(parseEnv({ ...valid, AUTH_URL: 'https://bank.example.com' }).relyingParty).toMatchObject({ id: 'bank.example.com', origin: 'https://bank.example.com' });
  });

  it('accepts a parent domain as RP ID', () => {
    expect(parseEnv({ ...valid, RP_ORIGIN: 'https://app.bank.example', RP_ID: 'bank.example' }).relyingParty).toMatchObject({ id: 'bank.example', origin: 'https://app.bank.example' });
  });

  it('refuses with clear messages what a browser would refuse', () => {
    expect(problems({ RP_ORIGIN: 'http://bank.example.com' }).join()).toMatch(/RP_ORIGIN: must use https/);
    expect(problems({ RP_ORIGIN: 'https://bank.example.com/app' }).join()).toMatch(/RP_ORIGIN: must be an origin only/);
    expect(problems({ RP_ORIGIN: 'http://127.0.0.1:3000' }).join()).toMatch(/not an IP address/);
    expect(problems({ RP_ORIGIN: 'https://bank.example.com', RP_ID: 'evil.example' }).join()).toMatch(/RP_ID: "evil.example" must be the host of RP_ORIGIN/);
    expect(problems({ RP_ORIGIN: 'https://bank.example.com', RP_ID: 'ample.com' }).join()).toMatch(/RP_ID/);
    expect(problems({ RP_ORIGIN: 'not a url' }).join()).toMatch(/RP_ORIGIN: "not a url" is not an origin/);
    expect(problems({ RP_ID: 'local host' }).join()).toMatch(/RP_ID: "local host" is not a domain name/);
  });
});
