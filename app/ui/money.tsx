import { formatMoney, formatSignedMoney } from './format';

/** An amount of money. `signed`: transactions (+ in green, − in ink); otherwise a balance. */
export function Money({ minor, currency, signed = false, className = '' }: { minor: number; currency: string; signed?: boolean; className?: string }) {
  const tone = signed ? (minor > 0 ? 'amount-in' : 'amount-out') : '';
  return <span className={`amount ${tone} ${className}`.trim()}>{signed ? formatSignedMoney(minor, currency) : formatMoney(minor, currency)}</span>;
}
