'use client';
import { useActionState } from 'react';
import { FormDone, FormError } from '@/app/ui/form-fields';
import { sendResetLink, type ForgotPasswordState } from './actions';

export function ForgotPasswordForm() {
  const [state, formAction, pending] = useActionState<ForgotPasswordState, FormData>(sendResetLink, {});
  if (state.done) return <FormDone message={state.done} />;
  return (
    <form action={formAction} className="form" noValidate>
      <FormError id="forgot-error" message={state.error} />
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
