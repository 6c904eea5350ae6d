'use client';
import { useActionState } from 'react';
import { FormFields, type FieldSpec } from '@/app/ui/form-fields';
import { changePasswordAction, type PasswordChangeState } from './actions';
import { FormAlert } from '@/app/ui/form-alert';
import styles from './password.module.css';

const fields: readonly FieldSpec[] = [
  { name: 'currentPassword', label: 'Current password', autoComplete: 'current-password' },
  { name: 'newPassword', label: 'New password', autoComplete: 'new-password', newPassword: true },
  { name: 'confirmPassword', label: 'Confirm new password', autoComplete: 'new-password', newPassword: true },
];

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
      <FormFields fields={fields} invalidField={state.field} errorId="password-error" minLength={minLength} />
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
