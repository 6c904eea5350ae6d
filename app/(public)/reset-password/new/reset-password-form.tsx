'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { AuthenticationCodeField } from '@/app/ui/code-field';
import { FormAlert } from '@/app/ui/form-alert';
import { FormFields, type FieldSpec } from '@/app/ui/form-fields';
import { resetPasswordAction, type ResetPasswordState } from './actions';

const fields: readonly FieldSpec[] = [
  { name: 'newPassword', label: 'New password', autoComplete: 'new-password', newPassword: true },
  { name: 'confirmPassword', label: 'Confirm new password', autoComplete: 'new-password', newPassword: true },
];

export function ResetPasswordForm({ needsCode, minLength }: { needsCode: boolean; minLength: number }) {
  const [state, formAction, pending] = useActionState<ResetPasswordState, FormData>(resetPasswordAction, {});
  const alert = <FormAlert id="reset-error" error={state.error} warning={state.warning} />;
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
      <FormFields fields={fields} invalidField={state.field} errorId="reset-error" minLength={minLength} />
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
