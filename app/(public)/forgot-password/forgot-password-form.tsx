'use client';
import { useActionState } from 'react';
import { sendResetLink, type ForgotPasswordState } from './actions';
import { FormAlert } from '@/app/ui/form-alert';

export function ForgotPasswordForm() {
  const [state, formAction, pending] = useActionState<ForgotPasswordState, FormData>(sendResetLink, {});
  if (state.done) {
    return (
      <p className="alert alert-info" role="status">
        {state.done}
      </p>
    );
  }
  return (
    <form action={formAction} className="form" noValidate>
      <FormAlert id="forgot-error" error={state.error} />
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required maxLength={254} aria-invalid={state.error ? true : undefined} />
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Sending…' : 'Send reset link'}
      </button>
    </form>
  );
}
