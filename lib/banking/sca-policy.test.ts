import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../config/env-schema';
import { testSecret } from '@/test/secrets';
import { DEFAULT_SCA_POLICY, isLowValueExempt, RTS_LOW_VALUE_LIMITS, scaPolicyFromEnv } from './sca-policy';

const base = { SESSION_SECRETS: `1:${testSecret('sca')}` };

describe('isLowValueExempt (RTS Art. 16)', () => {
  const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
  const none = { count: 0, sumMinor: 0 };

  it('exempts up to €30 each, €100 and five payments together, this one included', () => {
    expect(isLowValueExempt(eur(30_00), none, DEFAULT_SCA_POLICY)).toBe(true);
    expect(isLowValueExempt(eur(30_01), none, DEFAULT_SCA_POLICY)).toBe(false);
    expect(isLowValueExempt(eur(10_00), { count: 3, sumMinor: 90_00 }, DEFAULT_SCA_POLICY)).toBe(true);
    expect(isLowValueExempt(eur(10_01), { count: 3, sumMinor: 90_00 }, DEFAULT_SCA_POLICY)).toBe(false);
    expect(isLowValueExempt(eur(1), { count: 4, sumMinor: 4 }, DEFAULT_SCA_POLICY)).toBe(true);
    expect(isLowValueExempt(eur(1), { count: 5, sumMinor: 5 }, DEFAULT_SCA_POLICY)).toBe(false);
  });

  it('never exempts other currencies (the limits are in euro)', () => {
    expect(isLowValueExempt({ amountMinor: 1, currency: 'USD' }, none, DEFAULT_SCA_POLICY)).toBe(false);
  });
});

describe('SCA settings in the environment', () => {
  it('default to the RTS limits and a five-minute approval', () => {
    expect(scaPolicyFromEnv(parseEnv(base))).toEqual({ ...RTS_LOW_VALUE_LIMITS, authorisationTtlMs: 300_000 });
  });

  it('can be lowered (0 turns the exemption off)', () => {
    const env = parseEnv({ ...base, SCA_EXEMPTION_SINGLE_MAX_MINOR: '0', SCA_EXEMPTION_CUMULATIVE_MAX_MINOR: '5000', SCA_EXEMPTION_MAX_COUNT: '3', TRANSFER_AUTHORISATION_TTL: '2m' });
    expect(scaPolicyFromEnv(env)).toEqual({ singleMaxMinor: 0, cumulativeMaxMinor: 50_00, maxCount: 3, authorisationTtlMs: 120_000 });
  });

  it('refuses values above the RTS limits, with a message that says why', () => {
    for (const [name, value] of [
      ['SCA_EXEMPTION_SINGLE_MAX_MINOR', '3001'],
      ['SCA_EXEMPTION_CUMULATIVE_MAX_MINOR', '10001'],
      ['SCA_EXEMPTION_MAX_COUNT', '6'],
      ['SCA_EXEMPTION_MAX_COUNT', '-1'],
      ['SCA_EXEMPTION_SINGLE_MAX_MINOR', '12.5'],
      ['TRANSFER_AUTHORISATION_TTL', '1h'],
    ] as const) {
      let error: unknown;
      try {
        parseEnv({ ...base, [name]: value });
      } catch (caught) {
        error = caught;
      }
      expect(error, `${name}=${value}`).toBeInstanceOf(EnvError);
      expect((error as EnvError).problems.join('\n')).toContain(name);
    }
    expect(() => parseEnv({ ...base, SCA_EXEMPTION_MAX_COUNT: '6' })).toThrow(/at most 5 .*can only be lowered/);
  });
});
