// Total balance per calendar day, replayed from each transaction's
// balanceAfterMinor (the ledger's own running balance), for the dashboard chart
// and its text alternative.
import { addDays, DISPLAY_TIME_ZONE, startOfDayMs } from './calendar';

/** One ledger line, as the chart needs it (`bookedAtMs`: epoch milliseconds). */
export type Posting = { accountId: string; bookedAtMs: number; amountMinor: number; balanceAfterMinor: number };

/**
 * Each account's balance when the window starts: the balance before its first
 * posting in the window (that posting's running balance less its amount), or,
 * with no posting since then, its balance now — the ledger keeps an account's
 * balance equal to its last running balance (lib/banking/transfer.ts writes
 * both in one transaction). No read of the postings before the window.
 */
export function openingBalances(accounts: readonly { id: string; balanceMinor: number }[], postings: readonly Posting[]): Record<string, number> {
  const opening: Record<string, number> = Object.fromEntries(accounts.map((account) => [account.id, account.balanceMinor]));
  const seen = new Set<string>();
  for (const posting of postings) {
    if (seen.has(posting.accountId)) continue;
    seen.add(posting.accountId);
    opening[posting.accountId] = posting.balanceAfterMinor - posting.amountMinor;
  }
  return opening;
}
export type BalancePoint = { day: string; totalMinor: number };

/**
 * `openingMinor`: each account's balance when `fromDay` starts. `postings`
 * must be sorted by bookedAt (ties keep ledger order).
 */
export function buildBalanceHistory(input: {
  openingMinor: Record<string, number>;
  postings: readonly Posting[];
  fromDay: string;
  toDay: string;
  timeZone?: string;
}): BalancePoint[] {
  const timeZone = input.timeZone ?? DISPLAY_TIME_ZONE;
  const balances = new Map(Object.entries(input.openingMinor));
  const points: BalancePoint[] = [];
  let next = 0;
  for (let day = input.fromDay, following = addDays(day, 1); day <= input.toDay; day = following, following = addDays(day, 1)) {
    const end = startOfDayMs(following, timeZone); // endOfDay(day), without a second addDays
    while (next < input.postings.length && input.postings[next]!.bookedAtMs < end) {
      const posting = input.postings[next++]!;
      balances.set(posting.accountId, posting.balanceAfterMinor);
    }
    let total = 0;
    for (const value of balances.values()) total += value;
    points.push({ day, totalMinor: total });
  }
  return points;
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
