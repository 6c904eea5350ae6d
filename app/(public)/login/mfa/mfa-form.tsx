'use client';
import { useActionState } from 'react';
import { verifyMfaCode, type MfaState } from './actions';
import { AuthenticationCodeField } from '@/app/ui/code-field';
import { FormAlert } from '@/app/ui/form-alert';

export function MfaForm() {
  const [state, formAction, pending] = useActionState<MfaState, FormData>(verifyMfaCode, {});
  return (
    <form action={formAction} className="form" noValidate>
      <FormAlert id="code-error" error={state.error} warning={state.warning} />
      <AuthenticationCodeField
        id="code"
        autoFocus
        describedBy={state.error ? 'mfa-help code-error' : 'mfa-help'}
        invalid={Boolean(state.error)}
      />
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Verifying…' : 'Verify'}
      </button>
    </form>
  );
}
