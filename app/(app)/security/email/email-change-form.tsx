'use client';
import { useActionState } from 'react';
import { requestEmailChangeAction, type EmailChangeState } from './actions';

export function EmailChangeForm() {
  const [state, formAction, pending] = useActionState<EmailChangeState, FormData>(requestEmailChangeAction, {});
  if (state.done) {
    return (
      <p className="alert alert-info" role="status">
        {state.done}
      </p>
    );
  }
  return (
    <form action={formAction} className="form" noValidate>
      {state.error ? (
        <p id="email-change-error" className="alert alert-error" role="alert">
          {state.error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="newEmail">New email address</label>
        <input
          id="newEmail"
          name="newEmail"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? 'email-change-error' : undefined}
        />
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Sending…' : 'Send confirmation link'}
      </button>
    </form>
  );
}
