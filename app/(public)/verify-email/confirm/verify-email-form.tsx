'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { verifyEmailAction, type VerifyEmailState } from './actions';


export function VerifyEmailForm({ continueTo }: { continueTo: string }) {
  const [state, formAction, pending] = useActionState<VerifyEmailState, FormData>(verifyEmailAction, {});
  if (state.verified) {
    return (
      <>
        <p className="alert alert-info" role="status">
          Your email address is verified.
        </p>
        <p>
          <Link className="button button-primary" href={continueTo}>
            Continue
          </Link>
        </p>
      </>
    );
  }
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
