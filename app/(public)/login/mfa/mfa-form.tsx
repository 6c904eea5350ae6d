'use client';
import { useActionState } from 'react';
import { verifyMfaCode, type MfaState } from './actions';

export function MfaForm() {
  const [state, formAction, pending] = useActionState<MfaState, FormData>(verifyMfaCode, {});
  return (
    <form action={formAction} className="form" noValidate>
      {state.error ? (
        <p id="code-error" className="alert alert-error" role="alert">
          {state.error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="code">Authentication code</label>
        <input
          id="code"
          name="code"
          type="text"
          inputMode="text"
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={64}
          autoFocus
          aria-describedby={state.error ? 'mfa-help code-error' : 'mfa-help'}
          aria-invalid={state.error ? true : undefined}
        />
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Verifying…' : 'Verify'}
      </button>
    </form>
  );
}
