// Money is integer minor units everywhere; only the UI turns it into text.
export function formatMoney(minor: number, currency: string, locale = 'en-IE'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 100);
}
