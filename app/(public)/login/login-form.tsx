'use client';
import { useActionState } from 'react';
import { signInWithPassword, type SignInState } from './actions';
import { FormAlert } from '@/app/ui/form-alert';

export function LoginForm({ next, initialError }: { next?: string; initialError?: string }) {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInWithPassword, { error: initialError });
  return (
    <form action={formAction} className="form" noValidate aria-describedby={state.error ? 'login-error' : undefined}>
      <FormAlert id="login-error" error={state.error} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <div className="field">
        <label htmlFor="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username webauthn"
          required
          maxLength={254}
          defaultValue={state.email}
          aria-invalid={state.error ? true : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={state.error ? true : undefined}
        />
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
