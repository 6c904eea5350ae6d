import { describe, expect, it } from 'vitest';
import { formatMoney, formatSignedMoney, MAX_TRANSFER_MINOR, minorToInput, parseAmountToMinor } from './money';

const ok = (minor: number) => ({ ok: true, minor });
const error = (pattern: RegExp) => ({ ok: false, error: expect.stringMatching(pattern) });

describe('parseAmountToMinor', () => {
  it.each([
    ['12.34', 1234],
    ['12', 1200],
    ['12.3', 1230],
    ['12.', 1200],
    ['0.01', 1],
    ['0.10', 10],
    [' 7.50 ', 750],
    ['€7.50', 750],
    ['€ 1,234.56', 123456],
    ['123,456', 12345600],
    ['EUR 5', 500],
    ['000012.00', 1200],
  ])('%j → %d', (input, minor) => {
    expect(parseAmountToMinor(input)).toEqual(ok(minor));
  });

  it('never goes through floating point (0.29 * 100 = 28.999…)', () => {
    expect(parseAmountToMinor('0.29')).toEqual(ok(29));
    expect(parseAmountToMinor('1.15')).toEqual(ok(115));
    expect(parseAmountToMinor('4.35')).toEqual(ok(435));
  });

  it.each([
    ['', /Enter an amount/],
    ['   ', /Enter an amount/],
    ['0', /greater than zero/],
    ['0.00', /greater than zero/],
    ['-5', /greater than zero/],
    ['−5', /greater than zero/],
    ['12,34', /point to separate the cents/],
    ['12.345', /at most 2 decimal places/],
    ['1e3', /as a number/],
    ['12.3.4', /as a number/],
    ['abc', /as a number/],
    ['1,23,456', /as a number/],
    ['0x10', /as a number/],
    ['Infinity', /as a number/],
    ['.5', /as a number/],
  ])('%j is refused: %s', (input, pattern) => {
    expect(parseAmountToMinor(input)).toEqual(error(pattern));
  });

  it('caps a single transfer and handles absurdly long input', () => {
    expect(parseAmountToMinor('1000000.00')).toEqual(ok(MAX_TRANSFER_MINOR));
    expect(parseAmountToMinor('1000000.01')).toEqual(error(/most you can send at once is €1,000,000.00/));
    expect(parseAmountToMinor('9'.repeat(400))).toEqual(error(/most you can send/));
  });

  it('knows currencies without cents', () => {
    expect(parseAmountToMinor('1500', { currency: 'JPY', maxMinor: 10_000_000 })).toEqual(ok(1500));
    expect(parseAmountToMinor('15.5', { currency: 'JPY' })).toEqual(error(/JPY amounts have no decimal places/));
  });
});

describe('formatting', () => {
  it('formats minor units as currency', () => {
    expect(formatMoney(123456, 'EUR')).toBe('€1,234.56');
    expect(formatMoney(-31248, 'EUR')).toBe('-€312.48');
    expect(formatSignedMoney(348000, 'EUR')).toBe('+€3,480.00');
    expect(formatSignedMoney(-1299, 'EUR')).toBe('-€12.99');
    expect(formatMoney(1500, 'JPY')).toBe('JP¥1,500');
  });

  it('turns minor units back into what a user would type', () => {
    expect(minorToInput(1234, 'EUR')).toBe('12.34');
    expect(minorToInput(5, 'EUR')).toBe('0.05');
    expect(minorToInput(1500, 'JPY')).toBe('1500');
    for (const minor of [1, 99, 100, 123456]) expect(parseAmountToMinor(minorToInput(minor, 'EUR'))).toEqual(ok(minor));
  });
});
