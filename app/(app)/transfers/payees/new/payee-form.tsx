'use client';
import { useActionState } from 'react';
import { FieldError } from '@/app/ui/field-error';
import { PAYEE_NAME_MAX_LENGTH } from '@/lib/banking/payees';
import { addPayeeAction, type AddPayeeState } from './actions';

export function PayeeForm() {
  const [state, formAction, pending] = useActionState<AddPayeeState, FormData>(addPayeeAction, {
    values: { name: '', iban: '' },
    errors: {},
    attempt: 0,
  });
  const { values, errors } = state;
  const error = (field: 'name' | 'iban') => <FieldError field={field} message={errors[field]} />;
  return (
    // A new key per attempt re-mounts the fields with the values just submitted.
    <form key={state.attempt} action={formAction} className="form" noValidate>
      {errors.name || errors.iban ? (
        <p className="alert alert-error" role="alert">
          The payee was not added. Please check the details below.
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="name">Name</label>
        <input
          id="name"
          name="name"
          autoComplete="off"
          maxLength={PAYEE_NAME_MAX_LENGTH}
          defaultValue={values.name}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? 'name-error' : undefined}
        />
        {error('name')}
      </div>
      <div className="field">
        <label htmlFor="iban">IBAN</label>
        <input
          id="iban"
          name="iban"
          autoComplete="off"
          spellCheck={false}
          className="mono"
          defaultValue={values.iban}
          placeholder="DE89 3704 0044 0532 0130 00"
          aria-invalid={errors.iban ? true : undefined}
          aria-describedby={['iban-hint', errors.iban ? 'iban-error' : null].filter(Boolean).join(' ')}
        />
        <p id="iban-hint" className="hint">
          Spaces are fine. We check the IBAN’s check digits.
        </p>
        {error('iban')}
      </div>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Adding…' : 'Add payee'}
        </button>
      </div>
    </form>
  );
}
