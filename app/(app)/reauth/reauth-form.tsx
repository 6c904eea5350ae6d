'use client';
import { useActionState } from 'react';
import { reauthenticateAction, type ReauthState } from './actions';

export function ReauthForm({ next, email, totpEnabled }: { next: string; email: string; totpEnabled: boolean }) {
  const [state, formAction, pending] = useActionState<ReauthState, FormData>(reauthenticateAction, {});
  const describedBy = ['reauth-help', state.error ? 'reauth-error' : null].filter(Boolean).join(' ');
  return (
    <form action={formAction} className="form" noValidate aria-describedby={describedBy}>
      {state.error ? (
        <p id="reauth-error" className="alert alert-error" role="alert">
          {state.error}
        </p>
      ) : null}
      <input type="hidden" name="next" value={next} />
      {/* Lets password managers match the saved login; not submitted as a credential. */}
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <div className="field">
        <label htmlFor="reauth-password">Password</label>
        <input
          id="reauth-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          autoFocus
          aria-invalid={state.error ? true : undefined}
        />
      </div>
      {totpEnabled ? (
        <div className="field">
          <label htmlFor="reauth-code">Authentication code</label>
          <input
            id="reauth-code"
            name="code"
            type="text"
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            required
            maxLength={64}
            aria-describedby="reauth-code-hint"
            aria-invalid={state.error ? true : undefined}
          />
          <span id="reauth-code-hint" className="hint">
            A code works once: if you just used one, wait for the next. A recovery code works too.
          </span>
        </div>
      ) : null}
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Checking…' : 'Continue'}
      </button>
    </form>
  );
}
