'use server';
// Adding a payee: a sensitive action (a new place money can go), so it needs a
// recent authentication — checked here again, the page's check is not enough
// for a public POST endpoint. The change and its audit event commit together.
import { redirect } from 'next/navigation';
import { requireFreshAuth } from '@/lib/dal/session';
import { savePayee } from '@/lib/dal/payees';
import { parsePayeeForm, readPayeeFormValues, type PayeeFormErrors, type PayeeFormValues } from '@/lib/banking/payees';

export type AddPayeeState = { values: PayeeFormValues; errors: PayeeFormErrors; attempt: number };

export async function addPayeeAction(previous: AddPayeeState, formData: FormData): Promise<AddPayeeState> {
  const current = await requireFreshAuth('/transfers/payees/new');
  const values = readPayeeFormValues(formData);
  const attempt = (Number.isInteger(previous?.attempt) ? previous.attempt : 0) + 1;
  const parsed = parsePayeeForm(values);
  if (!parsed.ok) return { values, errors: parsed.errors, attempt };
  const outcome = await savePayee(current.user.id, parsed, current);
  if (outcome.status === 'duplicate') return { values, errors: { iban: 'You already have a payee with this IBAN.' }, attempt };
  redirect(`/transfers/payees?${new URLSearchParams({ added: outcome.payee.id })}`);
}
