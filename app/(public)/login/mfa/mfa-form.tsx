'use client';
import { useActionState } from 'react';
import { verifyMfaCode, type MfaState } from './actions';
import { AuthenticationCodeField } from '@/app/ui/code-field';

export function MfaForm() {
  const [state, formAction, pending] = useActionState<MfaState, FormData>(verifyMfaCode, {});
  return (
    <form action={formAction} className="form" noValidate>
      {state.error ? (
        <p id="code-error" className="alert alert-error" role="alert">
          {state.error}
          {state.warning ? (
            <>
              {' '}
              <strong>{state.warning}</strong>
            </>
          ) : null}
        </p>
      ) : null}
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
