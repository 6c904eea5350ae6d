// Money is integer minor units everywhere; only the UI turns it into text.
// Dates are shown in the bank's display time zone (lib/banking/calendar.ts),
// on the server and in the browser alike, so both render the same text.
// demo-bank:begin
import { DISPLAY_TIME_ZONE } from '@/lib/banking/calendar';
// demo-bank:instead const DISPLAY_TIME_ZONE = 'Europe/Berlin';

export { formatMoney, formatSignedMoney } from '@/lib/banking/money';
// demo-bank:end

const LOCALE = 'en-GB';

const dateFormat = new Intl.DateTimeFormat(LOCALE, { timeZone: DISPLAY_TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' });
const shortDateFormat = new Intl.DateTimeFormat(LOCALE, { timeZone: DISPLAY_TIME_ZONE, day: 'numeric', month: 'short' });
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  timeZone: DISPLAY_TIME_ZONE,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const longDateFormat = new Intl.DateTimeFormat(LOCALE, { timeZone: DISPLAY_TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long' });
// Calendar days are formatted in UTC: the day itself, no zone shift. (Building a
// formatter costs far more than using one, so each is built once.)
const dayFormat = new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
const monthFormat = new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', month: 'long', year: 'numeric' });
const relativeFormat = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });

/** "12 Mar 2026" */
export const formatDate = (date: Date) => dateFormat.format(date);
/** "12 Mar" */
export const formatShortDate = (date: Date) => shortDateFormat.format(date);
/** "12 Mar 2026, 14:05" */
export const formatDateTime = (date: Date) => dateTimeFormat.format(date);
/** "Thursday 12 March" */
export const formatLongDate = (date: Date) => longDateFormat.format(date);

/** A "YYYY-MM-DD" calendar day → "12 Mar 2026" (the day itself, no zone shift). */
export function formatDay(day: string): string {
  return dayFormat.format(new Date(`${day}T12:00:00Z`));
}

/** A "YYYY-MM-DD" calendar day → "March 2026". */
export function formatMonth(day: string): string {
  return monthFormat.format(new Date(`${day.slice(0, 7)}-15T12:00:00Z`));
}

/** "just now", "5 minutes ago", "yesterday", "3 days ago" */
export function formatRelative(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3_600) return relativeFormat.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relativeFormat.format(Math.round(seconds / 3_600), 'hour');
  return relativeFormat.format(Math.round(seconds / 86_400), 'day');
}

/** "DE05 9990 0000 0113 5646 22" */
export function formatIban(iban: string): string {
  return iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** "•••• 4622": enough to tell accounts apart at a glance. */
export function maskIban(iban: string): string {
  return `•••• ${iban.replace(/\s+/g, '').slice(-4)}`;
}

/** Seconds → "1:05" (countdowns). */
export function formatCountdown(totalSeconds: number): string {
  const seconds = Math.max(0, Math.ceil(totalSeconds));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export const accountKindLabel: Record<string, string> = {
  checking: 'Current account',
  savings: 'Savings account',
  card: 'Credit card',
};
