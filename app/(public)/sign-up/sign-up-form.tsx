'use client';
import { useActionState } from 'react';
import { FormAlert, FormDone } from '@/app/ui/form-alert';
import { FormFields, type FieldSpec } from '@/app/ui/form-fields';
import { signUpAction, type SignUpState } from './actions';

const fields: readonly FieldSpec[] = [
  { name: 'name', label: 'Name', type: 'text', autoComplete: 'name', maxLength: 100 },
  { name: 'email', label: 'Email', type: 'email', autoComplete: 'email', maxLength: 254 },
  { name: 'password', label: 'Password', autoComplete: 'new-password', newPassword: true },
  { name: 'confirmPassword', label: 'Confirm password', autoComplete: 'new-password', newPassword: true },
];

export function SignUpForm({ minLength }: { minLength: number }) {
  const [state, formAction, pending] = useActionState<SignUpState, FormData>(signUpAction, {});
  if (state.done) return <FormDone message={state.done} />;
  return (
    <form action={formAction} className="form" noValidate>
      <FormAlert id="sign-up-error" error={state.error} />
      <FormFields fields={fields} invalidField={state.field} errorId="sign-up-error" minLength={minLength} values={state.values} />
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Creating account…' : 'Create account'}
      </button>
    </form>
  );
}
