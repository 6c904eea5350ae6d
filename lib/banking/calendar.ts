// Calendar days in the bank's display time zone. Dates are shown in this zone,
// and date filters and the balance chart use the same days, so a transaction
// shown as "12 Mar" is found by "from 12 Mar to 12 Mar" — whatever zone the
// server runs in.
import { boundedMemo } from './bounded-memo';

export const DISPLAY_TIME_ZONE = 'Europe/Berlin';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function zonedParts(date: Date, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(date).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far `timeZone` is ahead of UTC at `date`, in ms. */
function zoneOffsetMs(date: Date, timeZone: string): number {
  const p = zonedParts(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/** "YYYY-MM-DD" of `date` in the zone. */
export function dayKey(date: Date, timeZone = DISPLAY_TIME_ZONE): string {
  const p = zonedParts(date, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Is "YYYY-MM-DD" a real calendar date? */
export function isDateOnly(text: string): boolean {
  const match = DATE_ONLY.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

// Day starts, remembered: each costs two formatToParts calls (~10 µs), and the
// balance chart asks for 183 of them on every dashboard render (3.5 ms — the
// largest single cost of that page, docs/decisions/023-one-read-session-check.md).
// A zone's rules do not change while the process runs: same day, same instant.
const DAY_STARTS_LIMIT = 4_096;
const rememberDayStart = boundedMemo<number>(DAY_STARTS_LIMIT);

/** The instant a "YYYY-MM-DD" day starts in the zone (handles DST days). */
export function startOfDay(day: string, timeZone = DISPLAY_TIME_ZONE): Date {
  return new Date(startOfDayMs(day, timeZone));
}

/** startOfDay as epoch milliseconds: the chart's day ends are compared as numbers (calendarDays). */
export function startOfDayMs(day: string, timeZone = DISPLAY_TIME_ZONE): number {
  return rememberDayStart(`${timeZone} ${day}`, () => {
    if (!isDateOnly(day)) throw new RangeError(`not a date: ${day}`);
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const guess = Date.UTC(y, m - 1, d);
    // Two passes: the offset at the guess can differ from the offset at the answer.
    const instant = guess - zoneOffsetMs(new Date(guess), timeZone);
    return guess - zoneOffsetMs(new Date(instant), timeZone);
  });
}

/** The instant the day after `day` starts: the exclusive end of `day`. */
export function endOfDay(day: string, timeZone = DISPLAY_TIME_ZONE): Date {
  return startOfDay(addDays(day, 1), timeZone);
}

// Remembered too: calendarDays and the browser's chart step through 183 days,
// and the arithmetic (a Date and an ISO string per step) cost ~2 µs a step in the server.
const rememberShiftedDay = boundedMemo<string>(DAY_STARTS_LIMIT);

export function addDays(day: string, days: number): string {
  return rememberShiftedDay(`${day} ${days}`, () => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
  });
}

export type CalendarDay = { readonly day: string; readonly endMs: number };

// Whole ranges, remembered: the chart walks the same 183 days on every render
// of a day, and one lookup is cheaper than 366 (a key string each).
const rememberDayRange = boundedMemo<readonly CalendarDay[]>(64);

/** Every day from `fromDay` to `toDay` inclusive, each with its exclusive end in the zone. */
export function calendarDays(fromDay: string, toDay: string, timeZone = DISPLAY_TIME_ZONE): readonly CalendarDay[] {
  return rememberDayRange(`${timeZone} ${fromDay} ${toDay}`, () => {
    if (!isDateOnly(fromDay) || !isDateOnly(toDay)) throw new RangeError(`not a date range: ${fromDay} to ${toDay}`);
    const days: CalendarDay[] = [];
    for (let day = fromDay; day <= toDay; day = addDays(day, 1)) days.push(Object.freeze({ day, endMs: startOfDayMs(addDays(day, 1), timeZone) }));
    return Object.freeze(days);
  });
}
