'use client';
import { useActionState } from 'react';
import { deleteAccountAction, type DeleteAccountState } from './actions';

export function DeleteAccountForm({ email }: { email: string }) {
  const [state, formAction, pending] = useActionState<DeleteAccountState, FormData>(deleteAccountAction, {});
  return (
    <form action={formAction} className="form" noValidate>
      {state.error ? (
        <p id="delete-error" className="alert alert-error" role="alert">
          {state.error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="confirmation">Type your email address to confirm</label>
        <input
          id="confirmation"
          name="confirmation"
          type="text"
          autoComplete="off"
          spellCheck={false}
          required
          maxLength={254}
          placeholder={email}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? 'delete-error' : undefined}
        />
      </div>
      <button type="submit" className="button button-danger" disabled={pending}>
        {pending ? 'Deleting…' : 'Delete account'}
      </button>
    </form>
  );
}
