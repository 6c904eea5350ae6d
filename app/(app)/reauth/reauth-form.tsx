'use client';
import { useActionState } from 'react';
import { reauthenticateAction, type ReauthState } from './actions';
import { AuthenticationCodeField } from '@/app/ui/code-field';
import { FormAlert } from '@/app/ui/form-alert';

type Props = { next: string; email: string; totpEnabled: boolean; /** the payment this step-up approves */ authorisation?: string };

export function ReauthForm({ next, email, totpEnabled, authorisation }: Props) {
  const [state, formAction, pending] = useActionState<ReauthState, FormData>(reauthenticateAction, {});
  const describedBy = ['reauth-help', state.error ? 'reauth-error' : null].filter(Boolean).join(' ');
  return (
    <form action={formAction} className="form" noValidate aria-describedby={describedBy}>
      <FormAlert id="reauth-error" error={state.error} />
      <input type="hidden" name="next" value={next} />
      {authorisation ? <input type="hidden" name="authorisation" value={authorisation} /> : null}
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
        <AuthenticationCodeField
          id="reauth-code"
          invalid={Boolean(state.error)}
          hint="A code works once: if you just used one, wait for the next. A recovery code works too."
        />
      ) : null}
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Checking…' : 'Continue'}
      </button>
    </form>
  );
}
