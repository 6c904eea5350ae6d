'use client';
import { useActionState } from 'react';
import { changePasswordAction, type PasswordChangeState } from './actions';
import styles from './password.module.css';

const fields = [
  { name: 'currentPassword', label: 'Current password', autoComplete: 'current-password' },
  { name: 'newPassword', label: 'New password', autoComplete: 'new-password' },
  { name: 'confirmPassword', label: 'Confirm new password', autoComplete: 'new-password' },
] as const;

export function PasswordForm({ email, minLength }: { email: string; minLength: number }) {
  const [state, formAction, pending] = useActionState<PasswordChangeState, FormData>(changePasswordAction, {});
  return (
    <form action={formAction} className="form" noValidate>
      {state.error ? (
        <p id="password-error" className="alert alert-error" role="alert">
          {state.error}
        </p>
      ) : null}
      {state.success ? (
        <p className={`alert ${styles.success}`} role="status">
          {state.success}
        </p>
      ) : null}
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      {fields.map((field) => {
        const invalid = state.field === field.name;
        const hintId = field.name === 'newPassword' ? 'new-password-hint' : undefined;
        const describedBy = [hintId, invalid ? 'password-error' : undefined].filter(Boolean).join(' ') || undefined;
        return (
          <div className="field" key={field.name}>
            <label htmlFor={field.name}>{field.label}</label>
            <input
              id={field.name}
              name={field.name}
              type="password"
              autoComplete={field.autoComplete}
              required
              minLength={field.name === 'currentPassword' ? undefined : minLength}
              aria-invalid={invalid ? true : undefined}
              aria-describedby={describedBy}
            />
            {hintId ? (
              <span id={hintId} className="hint">
                At least {minLength} characters. Not your email address, not a common password.
              </span>
            ) : null}
          </div>
        );
      })}
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
