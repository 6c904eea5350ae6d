import { describe, expect, it } from 'vitest';
import { buildBalanceHistory, monthEndPoints, openingBalance, summariseBalanceHistory, type Posting } from './balance-history';

const at = (iso: string) => Date.parse(iso);

describe('buildBalanceHistory', () => {
  const history = buildBalanceHistory({
    ledgers: [
      {
        balanceMinor: 7_500,
        postings: [
          [at('2026-01-01T10:00:00Z'), -2_000, 8_000],
          [at('2026-01-01T12:00:00Z'), -500, 7_500],
        ],
      },
      // 23:30 UTC on the 2nd is already the 3rd in Berlin
      { balanceMinor: -2_500, postings: [[at('2026-01-02T23:30:00Z'), -500, -2_500]] },
      // quiet in the window: its balance now, every day
      { balanceMinor: 1_000, postings: [] },
    ],
    fromDay: '2026-01-01',
    toDay: '2026-01-04',
  });

  it('has one point per day, using the last running balance of each account', () => {
    expect(history).toEqual([
      { day: '2026-01-01', totalMinor: 6_500 },
      { day: '2026-01-02', totalMinor: 6_500 },
      { day: '2026-01-03', totalMinor: 6_000 },
      { day: '2026-01-04', totalMinor: 6_000 },
    ]);
  });

  it('summarises for the text alternative', () => {
    expect(summariseBalanceHistory(history)).toEqual({
      first: history[0],
      last: history[3],
      lowest: history[2],
      highest: history[0],
      changeMinor: -500,
    });
    expect(summariseBalanceHistory([])).toBeNull();
  });

  it('keeps the last point of each month', () => {
    const points = ['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02'].map((day, i) => ({ day, totalMinor: i }));
    expect(monthEndPoints(points).map((p) => p.day)).toEqual(['2026-01-31', '2026-02-02']);
  });
});

describe('openingBalance', () => {
  it('is the balance before the account’s first posting in the window', () => {
    const postings: Posting[] = [
      [at('2026-01-01T10:00:00Z'), -2_000, 8_000],
      [at('2026-01-01T12:00:00Z'), -500, 7_500],
    ];
    expect(openingBalance({ balanceMinor: 7_500, postings })).toBe(10_000);
  });

  it('is the balance now for an account with no posting in the window', () => {
    expect(openingBalance({ balanceMinor: 40_000, postings: [] })).toBe(40_000);
  });
});
