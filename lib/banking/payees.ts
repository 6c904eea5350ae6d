// Saved payees: the form a new one is entered with (untrusted input → a
// bounded name and a checked IBAN). Saving and removing them is lib/dal/payees.ts.
// Framework-free (tested beside it).
import { isValidIban, normaliseIban } from '../iban';

export const PAYEE_NAME_MAX_LENGTH = 70; // SEPA creditor name

export type PayeeFormValues = { name: string; iban: string };
export type PayeeFormErrors = Partial<Record<'name' | 'iban' | 'form', string>>;
export type ParsedPayeeForm = { ok: true; name: string; iban: string } | { ok: false; errors: PayeeFormErrors };

/** Untrusted input (FormData) → bounded strings. */
export function readPayeeFormValues(source: unknown): PayeeFormValues {
  const pick = (name: string, max: number) => {
    // A crafted Server Action call can pass anything as the "form" (null, a number): it reads as empty.
    const value = hasGetter(source) ? source.get(name) : undefined;
    return typeof value === 'string' ? value.slice(0, max) : '';
  };
  return { name: pick('name', 200), iban: pick('iban', 80) };
}

export function parsePayeeForm(values: PayeeFormValues): ParsedPayeeForm {
  const errors: PayeeFormErrors = {};
  const name = values.name.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!name) errors.name = 'Enter the payee’s name.';
  else if (name.length > PAYEE_NAME_MAX_LENGTH) errors.name = `Keep the name to ${PAYEE_NAME_MAX_LENGTH} characters or fewer.`;
  const iban = normaliseIban(values.iban);
  if (!iban) errors.iban = 'Enter the payee’s IBAN.';
  else if (!isValidIban(iban)) errors.iban = 'This is not a valid IBAN. Check it for typos.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, name, iban };
}

/** Only real forms: a decoded argument's own `get` could be anything (even another Server Action). */
function hasGetter(source: unknown): source is FormData | URLSearchParams {
  return source instanceof FormData || source instanceof URLSearchParams;
}
