'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { confirmEmailChangeAction, type ConfirmEmailState } from './actions';

export function ConfirmEmailForm() {
  const [state, formAction, pending] = useActionState<ConfirmEmailState, FormData>(confirmEmailChangeAction, {});
  if (state.error) {
    return (
      <>
        <p className="alert alert-error" role="alert">
          {state.error}
        </p>
        <p>
          <Link href="/login">Sign in</Link>
        </p>
      </>
    );
  }
  return (
    <form action={formAction} className="form">
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Confirming…' : 'Confirm new address'}
      </button>
    </form>
  );
}
