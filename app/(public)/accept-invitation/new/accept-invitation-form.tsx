'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { FormAlert } from '@/app/ui/form-alert';
import { FormFields, type FieldSpec } from '@/app/ui/form-fields';
import { acceptInvitationAction, type AcceptInvitationState } from './actions';

const fields: readonly FieldSpec[] = [
  { name: 'name', label: 'Name', type: 'text', autoComplete: 'name', maxLength: 100 },
  { name: 'password', label: 'Password', autoComplete: 'new-password', newPassword: true },
  { name: 'confirmPassword', label: 'Confirm password', autoComplete: 'new-password', newPassword: true },
];

export function AcceptInvitationForm({ minLength }: { minLength: number }) {
  const [state, formAction, pending] = useActionState<AcceptInvitationState, FormData>(acceptInvitationAction, {});
  if (state.linkInvalid) {
    return (
      <p className="alert alert-error" role="alert">
        {state.error} <Link href="/login">Sign in</Link>
      </p>
    );
  }
  return (
    <form action={formAction} className="form" noValidate>
      <FormAlert id="accept-error" error={state.error} />
      <FormFields fields={fields} invalidField={state.field} errorId="accept-error" minLength={minLength} values={{ name: state.name }} />
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Creating account…' : 'Create account'}
      </button>
    </form>
  );
}
