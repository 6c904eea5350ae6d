import { describe, expect, it } from 'vitest';
import { testSecret } from '../../test/secrets';
import { EnvError, parseEnv } from './env-schema';
import { DEFAULT_MAIL_FROM, DEFAULT_SMTP_URL, productionMailProblem, redactSmtpUrl } from './mail-settings';

const base = { SESSION_SECRETS: `1:${testSecret('mail')}` };
const problemsOf = (source: Record<string, string>) => {
  try {
    parseEnv({ ...base, ...source });
    return [];
  } catch (error) {
    return (error as EnvError).problems;
  }
};

describe('mail settings', () => {
  it('default to the local development catcher and a localhost sender', () => {
    const env = parseEnv(base);
    expect(env.SMTP_URL).toBe(DEFAULT_SMTP_URL);
    expect(env.MAIL_FROM).toBe(DEFAULT_MAIL_FROM);
  });

  it('accept smtp:// and smtps:// URLs, refuse anything else with a message naming the variable', () => {
    expect(problemsOf({ SMTP_URL: 'smtps://u:p@smtp.example.com:465' })).toEqual([]);
    expect(problemsOf({ SMTP_URL: 'https://smtp.example.com' })).toEqual([expect.stringMatching(/^SMTP_URL: must start with smtp:\/\//)]);
    expect(problemsOf({ SMTP_URL: 'not a url' })).toEqual([expect.stringMatching(/^SMTP_URL: must be an SMTP URL/)]);
  });

  it('refuse a MAIL_FROM that could add a header', () => {
    expect(problemsOf({ MAIL_FROM: 'Bank <a@b.example>\nBcc: x@y.example' })).toEqual([expect.stringMatching(/^MAIL_FROM: must be one line/)]);
  });

  it('require SMTP_URL when the operator runs in production, with a clear message', () => {
    expect(productionMailProblem({ NODE_ENV: 'production' })).toMatch(/^SMTP_URL: is required when NODE_ENV=production \(password reset emails a link\)/);
    expect(productionMailProblem({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.com' })).toBeUndefined();
    expect(productionMailProblem({})).toBeUndefined();
  });

  it('never log SMTP credentials', () => {
    expect(redactSmtpUrl('smtps://user:secret@smtp.example.com:465')).toBe('smtps://smtp.example.com:465');
  });
});
