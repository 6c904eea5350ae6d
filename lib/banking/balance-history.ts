// Total balance per calendar day, replayed from each transaction's
// balanceAfterMinor (the ledger's own running balance), for the dashboard chart
// and its text alternative.
import { calendarDays, DISPLAY_TIME_ZONE } from './calendar';

/**
 * One ledger line, as the chart needs it (`bookedAtMs`: epoch milliseconds). A
 * tuple, as the database's JSON delivers it: a dashboard replays ~270 of them
 * per render, and an object each would only feed the garbage collector.
 */
export type Posting = readonly [bookedAtMs: number, amountMinor: number, balanceAfterMinor: number];

/** One account: its balance now, and its postings since the window opened, in ledger order. */
export type AccountLedger = { balanceMinor: number; postings: readonly Posting[] };

export type BalancePoint = { day: string; totalMinor: number };

/**
 * Each account's balance when the window opens: the balance before its first
 * posting in the window (that posting's running balance less its amount), or,
 * with no posting since then, its balance now — the ledger keeps an account's
 * balance equal to its last running balance (lib/dal/send-transfer.ts writes
 * both in one transaction). So no read of the postings before the window.
 */
export function openingBalance({ balanceMinor, postings }: AccountLedger): number {
  const first = postings[0];
  if (!first) return balanceMinor;
  const [, amountMinor, balanceAfterMinor] = first;
  return balanceAfterMinor - amountMinor;
}

/** The total of all `ledgers` at the end of each day from `fromDay` to `toDay`, in the zone's days. */
export function buildBalanceHistory(input: { ledgers: readonly AccountLedger[]; fromDay: string; toDay: string; timeZone?: string }): BalancePoint[] {
  const days = calendarDays(input.fromDay, input.toDay, input.timeZone ?? DISPLAY_TIME_ZONE);
  const totals = new Array<number>(days.length).fill(0);
  for (const ledger of input.ledgers) {
    // Replay this account alone: its running balance as each day ends.
    let balance = openingBalance(ledger);
    let next = 0;
    days.forEach(({ endMs }, i) => {
      for (let posting = ledger.postings[next]; posting && posting[0] < endMs; posting = ledger.postings[++next]) balance = posting[2];
      totals[i]! += balance;
    });
  }
  return days.map(({ day }, i) => ({ day, totalMinor: totals[i]! }));
}

export type BalanceSummary = {
  first: BalancePoint;
  last: BalancePoint;
  lowest: BalancePoint;
  highest: BalancePoint;
  changeMinor: number;
};

export function summariseBalanceHistory(points: readonly BalancePoint[]): BalanceSummary | null {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return null;
  let lowest = first;
  let highest = first;
  for (const point of points) {
    if (point.totalMinor < lowest.totalMinor) lowest = point;
    if (point.totalMinor > highest.totalMinor) highest = point;
  }
  return { first, last, lowest, highest, changeMinor: last.totalMinor - first.totalMinor };
}

/** The last point of each month (and the last point overall): the chart as a short table. */
export function monthEndPoints(points: readonly BalancePoint[]): BalancePoint[] {
  const result: BalancePoint[] = [];
  points.forEach((point, index) => {
    const following = points[index + 1];
    if (!following || following.day.slice(0, 7) !== point.day.slice(0, 7)) result.push(point);
  });
  return result;
}
