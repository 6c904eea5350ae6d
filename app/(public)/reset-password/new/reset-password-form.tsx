'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { AuthenticationCodeField } from '@/app/ui/code-field';
import { resetPasswordAction, type ResetPasswordState } from './actions';

const fields = [
  { name: 'newPassword', label: 'New password' },
  { name: 'confirmPassword', label: 'Confirm new password' },
] as const;

export function ResetPasswordForm({ needsCode, minLength }: { needsCode: boolean; minLength: number }) {
  const [state, formAction, pending] = useActionState<ResetPasswordState, FormData>(resetPasswordAction, {});
  const alert = state.error ? (
    <p id="reset-error" className="alert alert-error" role="alert">
      {state.error}
      {state.warning ? (
        <>
          {' '}
          <strong>{state.warning}</strong>
        </>
      ) : null}
    </p>
  ) : null;
  if (state.linkInvalid) {
    return (
      <>
        {alert}
        <p>
          <Link href="/forgot-password">Ask for a new link</Link> · <Link href="/login">Sign in</Link>
        </p>
      </>
    );
  }
  return (
    <form action={formAction} className="form" noValidate>
      {alert}
      {fields.map((field) => {
        const invalid = state.field === field.name;
        const hintId = field.name === 'newPassword' ? 'new-password-hint' : undefined;
        return (
          <div className="field" key={field.name}>
            <label htmlFor={field.name}>{field.label}</label>
            <input
              id={field.name}
              name={field.name}
              type="password"
              autoComplete="new-password"
              required
              minLength={minLength}
              aria-invalid={invalid ? true : undefined}
              aria-describedby={[hintId, invalid ? 'reset-error' : undefined].filter(Boolean).join(' ') || undefined}
            />
            {hintId ? (
              <span id={hintId} className="hint">
                At least {minLength} characters. Not your email address, not a common password.
              </span>
            ) : null}
          </div>
        );
      })}
      {needsCode ? (
        <AuthenticationCodeField
          id="code"
          invalid={state.field === 'code'}
          describedBy={state.field === 'code' ? 'reset-error' : undefined}
          hint="Your account has two-factor authentication: enter the code from your authenticator app, or one of your recovery codes."
        />
      ) : null}
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Resetting…' : 'Reset password'}
      </button>
    </form>
  );
}
