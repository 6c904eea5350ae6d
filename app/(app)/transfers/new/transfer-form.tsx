'use client';
import { FieldError } from '@/app/ui/field-error';
import { useActionState, useEffect, useRef } from 'react';
import type { TransferField, TransferFormValues } from '@/lib/banking/transfer-form';
import type { TransferOptions } from '@/lib/dal/transfers';
import type { ScaPolicy } from '@/lib/banking/sca-policy';
import { formatIban, formatMoney } from '@/app/ui/format';
import { sendTransfer, type TransferFormState } from './actions';

type Props = {
  options: TransferOptions;
  initial: TransferFormValues;
  stepUpThresholdMinor: number;
  scaLimits: Pick<ScaPolicy, 'singleMaxMinor' | 'cumulativeMaxMinor' | 'maxCount'>;
};

const labels: Record<TransferField, string> = { fromAccountId: 'From', to: 'To', amount: 'Amount', memo: 'Reference' };

export function TransferForm({ options, initial, stepUpThresholdMinor, scaLimits }: Props) {
  const [state, formAction, pending] = useActionState<TransferFormState, FormData>(sendTransfer, {
    values: initial,
    errors: {},
    attempt: 0,
  });
  const summaryRef = useRef<HTMLDivElement>(null);
  const { values, errors } = state;
  const fieldErrors = (Object.keys(labels) as TransferField[]).filter((field) => errors[field]);
  const hasErrors = fieldErrors.length > 0 || Boolean(errors.form);
  const currency = options.sources[0]?.currency ?? 'EUR';

  // After a failed attempt, move focus to the list of problems (WCAG 3.3.1).
  useEffect(() => {
    if (state.attempt > 0 && hasErrors) summaryRef.current?.focus();
  }, [state.attempt, hasErrors]);

  const invalid = (field: TransferField) => (errors[field] ? true : undefined);
  const describedBy = (field: TransferField, hint?: string) =>
    [hint, errors[field] ? `${field}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: TransferField) => <FieldError field={field} message={errors[field]} />;

  return (
    // A new key per attempt re-mounts the fields with the values just submitted.
    <form key={state.attempt} action={formAction} className="form" noValidate>
      {hasErrors ? (
        <div ref={summaryRef} tabIndex={-1} className="alert alert-error" role="alert" aria-labelledby="transfer-problems">
          <p id="transfer-problems">{errors.form ?? 'The transfer was not sent. Please check:'}</p>
          {fieldErrors.length > 0 ? (
            <ul>
              {fieldErrors.map((field) => (
                <li key={field}>
                  <a href={`#${field}`}>
                    {labels[field]}: {errors[field]}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <input type="hidden" name="idempotencyKey" value={values.idempotencyKey} />

      <div className="field">
        <label htmlFor="fromAccountId">From</label>
        <select id="fromAccountId" name="fromAccountId" defaultValue={values.fromAccountId} aria-invalid={invalid('fromAccountId')} aria-describedby={describedBy('fromAccountId')}>
          {options.sources.map((account) => (
            <option key={account.id} value={account.id}>
              {account.name} ({formatMoney(account.balanceMinor, account.currency)})
            </option>
          ))}
        </select>
        {fieldError('fromAccountId')}
      </div>

      <div className="field">
        <label htmlFor="to">To</label>
        <select id="to" name="to" defaultValue={values.to} aria-invalid={invalid('to')} aria-describedby={describedBy('to')}>
          <option value="" disabled>
            Choose an account or payee
          </option>
          <optgroup label="Your accounts">
            {options.accounts.map((account) => (
              <option key={account.id} value={`account:${account.id}`}>
                {account.name}
              </option>
            ))}
          </optgroup>
          <optgroup label="Saved payees">
            {options.payees.map((payee) => (
              <option key={payee.id} value={`payee:${payee.id}`}>
                {payee.name} ({formatIban(payee.iban).slice(0, 4)} …{payee.iban.slice(-4)})
              </option>
            ))}
          </optgroup>
        </select>
        {fieldError('to')}
      </div>

      <div className="form-row">
        <div className="field">
          <label htmlFor="amount">Amount</label>
          <div className="input-prefix">
            <span aria-hidden="true">{currency === 'EUR' ? '€' : currency}</span>
            <input
              id="amount"
              name="amount"
              inputMode="decimal"
              autoComplete="off"
              defaultValue={values.amount}
              placeholder="0.00"
              aria-invalid={invalid('amount')}
              aria-describedby={describedBy('amount', 'amount-hint')}
            />
          </div>
          <p id="amount-hint" className="hint">
            To a payee: over {formatMoney(scaLimits.singleMaxMinor, currency)}, or once your payments since you last confirmed it’s you
            reach {formatMoney(scaLimits.cumulativeMaxMinor, currency)} or {scaLimits.maxCount}, we ask you to confirm this payment.
            Between your accounts: over {formatMoney(stepUpThresholdMinor, currency)}.
          </p>
          {fieldError('amount')}
        </div>
        <div className="field">
          <label htmlFor="memo">
            Reference <span className="muted">(optional)</span>
          </label>
          <input id="memo" name="memo" maxLength={140} defaultValue={values.memo} aria-invalid={invalid('memo')} aria-describedby={describedBy('memo')} />
          {fieldError('memo')}
        </div>
      </div>

      <div className="actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Sending…' : 'Send money'}
        </button>
      </div>
    </form>
  );
}
