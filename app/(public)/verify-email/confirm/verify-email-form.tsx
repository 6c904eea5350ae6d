'use client';
import { useActionState } from 'react';
import { verifyEmailAction, type VerifyEmailState } from './actions';

export function VerifyEmailForm() {
  const [state, formAction, pending] = useActionState<VerifyEmailState, FormData>(verifyEmailAction, {});
  return (
    <form action={formAction} className="form">
      {state.error ? (
        <p className="alert alert-error" role="alert">
          {state.error}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={pending || Boolean(state.error)}>
        {pending ? 'Verifying…' : 'Verify email address'}
      </button>
    </form>
  );
}
