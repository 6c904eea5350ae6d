'use server';
// Sending money. A server action is a public POST endpoint: it re-checks the
// session and ownership itself (the DAL and lib/banking do), whatever the form
// looked like. Decisions: docs/decisions/009-money-transfers-idempotency.md
import { randomUUID } from 'node:crypto';
import { redirect } from 'next/navigation';
import { env } from '@/lib/env';
import { requireFreshAuth, requireUser } from '@/lib/dal/session';
import { fetchTransferOptions, recordRejectedTransferForm, requestAuthorisation, submitTransfer } from '@/lib/dal/transfers';
import {
  needsStepUp,
  parseTransferForm,
  readTransferFormValues,
  transferFormPath,
  type TransferField,
  type TransferFormErrors,
  type TransferFormValues,
} from '@/lib/banking/transfer-form';
import type { TransferRejection } from '@/lib/banking/transfer';

export type TransferFormState = { values: TransferFormValues; errors: TransferFormErrors; attempt: number };

const fieldFor: Record<TransferRejection, TransferField | 'form'> = {
  'invalid-amount': 'amount',
  'insufficient-funds': 'amount',
  'invalid-memo': 'memo',
  'source-not-found': 'fromAccountId',
  'source-not-allowed': 'fromAccountId',
  'currency-mismatch': 'to',
  'destination-not-found': 'to',
  'same-account': 'to',
  'key-reused': 'form',
  'email-unverified': 'form',
};

export async function sendTransfer(previous: TransferFormState, formData: FormData): Promise<TransferFormState> {
  const current = await requireUser();
  const values = readTransferFormValues(formData);
  const attempt = (Number.isInteger(previous?.attempt) ? previous.attempt : 0) + 1;

  const { sources } = await fetchTransferOptions(current.user.id);
  const currency = sources.find((account) => account.id === values.fromAccountId)?.currency;
  const parsed = parseTransferForm(values, { currency });
  if (!parsed.ok) {
    await recordRejectedTransferForm(current.user.id, current, Object.keys(parsed.errors));
    return { values, errors: parsed.errors, attempt };
  }

  // Between own accounts (SCA-exempt, RTS Art. 15) a large amount still needs a
  // recent authentication; the form comes back filled in after /reauth.
  const session =
    parsed.destination.kind === 'account' && needsStepUp(parsed.amountMinor, env.TRANSFER_STEP_UP_THRESHOLD_MINOR)
      ? await requireFreshAuth(transferFormPath(values))
      : current;

  const { ok: _ok, ...request } = parsed;
  const outcome = await submitTransfer({ ...request, userId: session.user.id }, session);
  if (outcome.status === 'authorisation-required') {
    // To a payee, beyond the low-value exemption: a step-up bound to exactly this
    // payment (RTS Art. 5). The page shows amount and payee; then back to this form.
    const { id } = await requestAuthorisation(outcome.payment, session);
    redirect(`/reauth?${new URLSearchParams({ next: transferFormPath(values), authorisation: id })}`);
  }
  if (outcome.status === 'rejected') {
    // A reused key can never succeed: hand the form a fresh one.
    const idempotencyKey = outcome.reason === 'key-reused' ? randomUUID() : values.idempotencyKey;
    return { values: { ...values, idempotencyKey }, errors: { [fieldFor[outcome.reason]]: outcome.message }, attempt };
  }
  redirect(`/transfers/${outcome.transfer.id}${outcome.status === 'duplicate' ? '?duplicate=1' : ''}`);
}
