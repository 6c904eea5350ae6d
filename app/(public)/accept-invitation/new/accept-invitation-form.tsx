'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { acceptInvitationAction, type AcceptInvitationState } from './actions';

const fields = [
  { name: 'name', label: 'Name', type: 'text', autoComplete: 'name' },
  { name: 'password', label: 'Password', type: 'password', autoComplete: 'new-password' },
  { name: 'confirmPassword', label: 'Confirm password', type: 'password', autoComplete: 'new-password' },
] as const;

export function AcceptInvitationForm({ minLength }: { minLength: number }) {
  const [state, formAction, pending] = useActionState<AcceptInvitationState, FormData>(acceptInvitationAction, {});
  const alert = state.error ? (
    <p id="accept-error" className="alert alert-error" role="alert">
      {state.error}
    </p>
  ) : null;
  if (state.linkInvalid) {
    return (
      <>
        {alert}
        <p>
          <Link href="/login">Sign in</Link>
        </p>
      </>
    );
  }
  return (
    <form action={formAction} className="form" noValidate>
      {alert}
      {fields.map((field) => {
        const invalid = state.field === field.name;
        const hintId = field.name === 'password' ? 'password-hint' : undefined;
        return (
          <div className="field" key={field.name}>
            <label htmlFor={field.name}>{field.label}</label>
            <input
              id={field.name}
              name={field.name}
              type={field.type}
              autoComplete={field.autoComplete}
              required
              maxLength={field.type === 'text' ? 100 : undefined}
              minLength={field.type === 'password' ? minLength : undefined}
              defaultValue={field.name === 'name' ? state.name : undefined}
              aria-invalid={invalid ? true : undefined}
              aria-describedby={[hintId, invalid ? 'accept-error' : undefined].filter(Boolean).join(' ') || undefined}
            />
            {hintId ? (
              <span id={hintId} className="hint">
                At least {minLength} characters. Not your email address, not a common password.
              </span>
            ) : null}
          </div>
        );
      })}
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Creating account…' : 'Create account'}
      </button>
    </form>
  );
}
