'use client';
import { useActionState } from 'react';
import { changePasswordAction, type PasswordChangeState } from './actions';
import { FormAlert } from '@/app/ui/form-alert';
import { NewPasswordFields } from '@/app/ui/new-password-fields';
import styles from './password.module.css';

export function PasswordForm({ email, minLength }: { email: string; minLength: number }) {
  const [state, formAction, pending] = useActionState<PasswordChangeState, FormData>(changePasswordAction, {});
  return (
    <form action={formAction} className="form" noValidate>
      <FormAlert id="password-error" error={state.error} />
      {state.success ? (
        <p className={`alert ${styles.success}`} role="status">
          {state.success}
        </p>
      ) : null}
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <div className="field">
        <label htmlFor="currentPassword">Current password</label>
        <input
          id="currentPassword"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={state.field === 'currentPassword' ? true : undefined}
          aria-describedby={state.field === 'currentPassword' ? 'password-error' : undefined}
        />
      </div>
      <NewPasswordFields minLength={minLength} invalidField={state.field} errorId="password-error" />
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
