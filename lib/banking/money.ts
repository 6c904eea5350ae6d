// Money is integer minor units (cents) everywhere. Text becomes minor units by
// string arithmetic only — never through a float, where 0.1 + 0.2 ≠ 0.3.
import { boundedMemo } from './bounded-memo';

/** Largest single transfer: also keeps every balance far inside a 32-bit Int column. */
export const MAX_TRANSFER_MINOR = 100_000_000; // 1,000,000.00

export type AmountParseResult = { ok: true; minor: number } | { ok: false; error: string };

const DEFAULT_LOCALE = 'en-IE';

// Building an Intl.NumberFormat costs tens of µs — far more than formatting
// with one — and a dashboard formats some 25 amounts, so each distinct
// (locale, currency, sign) formatter is built once. Bounded: currencies are few.
const rememberFormatter = boundedMemo<Intl.NumberFormat>(256);

function currencyFormat(locale: string, currency: string, signDisplay: 'auto' | 'exceptZero'): Intl.NumberFormat {
  return rememberFormatter(`${locale} ${currency} ${signDisplay}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency, signDisplay }));
}

// resolvedOptions() builds a fresh object on every call (~2 µs): once per currency.
const rememberDigits = boundedMemo<number>(256);

/** Decimal places of a currency's minor unit (EUR 2, JPY 0). */
export function minorDigits(currency: string): number {
  return rememberDigits(currency, () => currencyFormat(DEFAULT_LOCALE, currency, 'auto').resolvedOptions().maximumFractionDigits ?? 2);
}

export function formatMoney(minor: number, currency: string, locale = DEFAULT_LOCALE): string {
  return currencyFormat(locale, currency, 'auto').format(minor / 10 ** minorDigits(currency));
}

/** "+€12.00" / "−€12.00": the sign is always shown (transaction lists). */
export function formatSignedMoney(minor: number, currency: string, locale = DEFAULT_LOCALE): string {
  return currencyFormat(locale, currency, 'exceptZero').format(minor / 10 ** minorDigits(currency));
}

/** The amount as a user would type it: 1234 → "12.34" (for prefilling forms). */
export function minorToInput(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${minor < 0 ? '-' : ''}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * "12.34" → 1234. Accepts an optional currency symbol, spaces and correctly
 * grouped thousands ("1,234.50"); refuses anything ambiguous with a message
 * that says what to type instead.
 */
export function parseAmountToMinor(
  input: string,
  options: { currency?: string; maxMinor?: number } = {},
): AmountParseResult {
  const currency = options.currency ?? 'EUR';
  const digits = minorDigits(currency);
  const maxMinor = options.maxMinor ?? MAX_TRANSFER_MINOR;
  const text = input.replace(/[\s\u00a0€]/g, '').replace(new RegExp(`^${currency}`, 'i'), '');

  if (text === '') return { ok: false, error: 'Enter an amount.' };
  if (/^[-−]/.test(text)) return { ok: false, error: 'Enter an amount greater than zero.' };
  // A lone comma before 1–2 digits is a European decimal comma: say so rather than guess.
  if (/^\d+,\d{1,2}$/.test(text)) {
    return { ok: false, error: 'Use a point to separate the cents, for example 12.34.' };
  }
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return { ok: false, error: 'Enter the amount as a number, for example 12.34.' };

  const whole = match[1]!.replaceAll(',', '');
  const fraction = match[2] ?? '';
  if (fraction.length > digits) {
    return {
      ok: false,
      error: digits === 0 ? `${currency} amounts have no decimal places.` : `Use at most ${digits} decimal places, for example 12.34.`,
    };
  }
  // Length check first: a 400-digit string must not become Infinity or lose precision.
  if (whole.replace(/^0+/, '').length > 12) return { ok: false, error: tooLarge(maxMinor, currency) };

  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (minor <= 0) return { ok: false, error: 'Enter an amount greater than zero.' };
  if (minor > maxMinor) return { ok: false, error: tooLarge(maxMinor, currency) };
  return { ok: true, minor };
}

function tooLarge(maxMinor: number, currency: string): string {
  return `The most you can send at once is ${formatMoney(maxMinor, currency)}.`;
}
