// The transfer form as data: what the user typed → a checked request, with one
// plain-language message per field. Framework-free (tested beside it).
import { z } from 'zod';
import { parseAmountToMinor } from './money';
import { MEMO_MAX_LENGTH, type TransferDestination } from './transfer';

export type TransferFormValues = { fromAccountId: string; to: string; amount: string; memo: string; idempotencyKey: string };
export type TransferField = 'fromAccountId' | 'to' | 'amount' | 'memo';
export type TransferFormErrors = Partial<Record<TransferField | 'form', string>>;

export type ParsedTransferForm =
  | {
      ok: true;
      fromAccountId: string;
      destination: TransferDestination;
      amountMinor: number;
      memo: string | null;
      idempotencyKey: string;
    }
  | { ok: false; errors: TransferFormErrors };

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,64}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && IDEMPOTENCY_KEY.test(value);
}

const text = (max: number) => z.string().max(max).catch('');

const valuesSchema = z.object({
  fromAccountId: text(64),
  to: text(80),
  amount: text(64),
  memo: text(1000),
  idempotencyKey: text(64),
});

/** Untrusted input (FormData, query string) → strings of bounded length. */
export function readTransferFormValues(source: unknown): TransferFormValues {
  const pick = (name: string) => {
    // A crafted Server Action call can pass anything as the "form" (null, a number): it reads as empty.
    const value = hasGetter(source) ? source.get(name) : undefined;
    return typeof value === 'string' ? value : '';
  };
  return valuesSchema.parse({
    fromAccountId: pick('fromAccountId'),
    to: pick('to'),
    amount: pick('amount'),
    memo: pick('memo'),
    idempotencyKey: pick('idempotencyKey'),
  });
}

export function parseDestination(value: string): TransferDestination | null {
  const [kind, id = '', ...rest] = value.split(':');
  if (rest.length > 0 || !ID.test(id)) return null;
  if (kind === 'account') return { kind: 'account', accountId: id };
  if (kind === 'payee') return { kind: 'payee', payeeId: id };
  return null;
}

/** Control characters out, runs of spaces collapsed: a reference is one line of text. */
export function cleanMemo(memo: string): string {
  return memo.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
}

export function parseTransferForm(values: TransferFormValues, options: { currency?: string } = {}): ParsedTransferForm {
  const errors: TransferFormErrors = {};
  if (!ID.test(values.fromAccountId)) errors.fromAccountId = 'Choose an account to send from.';
  const destination = parseDestination(values.to);
  if (!destination) errors.to = 'Choose who to send the money to.';
  else if (destination.kind === 'account' && destination.accountId === values.fromAccountId) {
    errors.to = 'Choose a different account to send to.';
  }
  const amount = parseAmountToMinor(values.amount, { currency: options.currency });
  if (!amount.ok) errors.amount = amount.error;
  const memo = cleanMemo(values.memo);
  if (memo.length > MEMO_MAX_LENGTH) errors.memo = `Keep the reference to ${MEMO_MAX_LENGTH} characters or fewer.`;
  if (!isIdempotencyKey(values.idempotencyKey)) {
    errors.form = 'This form has expired. Reload the page and try again.';
  }
  if (Object.keys(errors).length > 0 || !destination || !amount.ok) return { ok: false, errors };
  return {
    ok: true,
    fromAccountId: values.fromAccountId,
    destination,
    amountMinor: amount.minor,
    memo: memo === '' ? null : memo,
    idempotencyKey: values.idempotencyKey,
  };
}

/** Step-up (ASVS 7.5): amounts strictly above the threshold need a fresh authentication. */
export function needsStepUp(amountMinor: number, thresholdMinor: number): boolean {
  return amountMinor > thresholdMinor;
}

/**
 * Where the re-authentication page sends the user back to: the form again,
 * filled in as it was, with the same idempotency key (a replay after step-up
 * still maps to one transfer). Nothing here is secret.
 */
export function transferFormPath(values: TransferFormValues): string {
  const params = new URLSearchParams();
  if (values.fromAccountId) params.set('from', values.fromAccountId);
  if (values.to) params.set('to', values.to);
  if (values.amount) params.set('amount', values.amount);
  if (values.memo) params.set('memo', cleanMemo(values.memo).slice(0, MEMO_MAX_LENGTH));
  if (isIdempotencyKey(values.idempotencyKey)) params.set('key', values.idempotencyKey);
  params.set('confirm', '1');
  return `/transfers/new?${params}`;
}

/** The form's initial values from /transfers/new?from=…&to=…&amount=…&memo=…&key=… */
export function prefillFromQuery(query: Record<string, string | string[] | undefined>): Partial<TransferFormValues> {
  const one = (name: string) => {
    const value = query[name];
    return typeof value === 'string' ? value : undefined;
  };
  const prefill: Partial<TransferFormValues> = {};
  const from = one('from');
  if (from && ID.test(from)) prefill.fromAccountId = from;
  const to = one('to');
  if (to && parseDestination(to)) prefill.to = to;
  const amount = one('amount');
  if (amount && amount.length <= 20) prefill.amount = amount;
  const memo = one('memo');
  if (memo) prefill.memo = cleanMemo(memo).slice(0, MEMO_MAX_LENGTH);
  const key = one('key');
  if (isIdempotencyKey(key)) prefill.idempotencyKey = key;
  return prefill;
}

/** Only real forms: a decoded argument's own `get` could be anything (even another Server Action). */
function hasGetter(source: unknown): source is FormData | URLSearchParams {
  return source instanceof FormData || source instanceof URLSearchParams;
}
