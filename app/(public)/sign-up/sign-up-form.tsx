'use client';
import { useActionState } from 'react';
import { signUpAction, type SignUpState } from './actions';

const fields = [
  { name: 'name', label: 'Name', type: 'text', autoComplete: 'name', maxLength: 100 },
  { name: 'email', label: 'Email', type: 'email', autoComplete: 'email', maxLength: 254 },
  { name: 'password', label: 'Password', type: 'password', autoComplete: 'new-password', maxLength: undefined },
  { name: 'confirmPassword', label: 'Confirm password', type: 'password', autoComplete: 'new-password', maxLength: undefined },
] as const;

export function SignUpForm({ minLength }: { minLength: number }) {
  const [state, formAction, pending] = useActionState<SignUpState, FormData>(signUpAction, {});
  if (state.done) {
    return (
      <p className="alert alert-info" role="status">
        {state.done}
      </p>
    );
  }
  return (
    <form action={formAction} className="form" noValidate>
      {state.error ? (
        <p id="sign-up-error" className="alert alert-error" role="alert">
          {state.error}
        </p>
      ) : null}
      {fields.map((field) => {
        const invalid = state.field === field.name;
        const hintId = field.name === 'password' ? 'password-hint' : undefined;
        const value = field.name === 'name' || field.name === 'email' ? state.values?.[field.name] : undefined;
        return (
          <div className="field" key={field.name}>
            <label htmlFor={field.name}>{field.label}</label>
            <input
              id={field.name}
              name={field.name}
              type={field.type}
              autoComplete={field.autoComplete}
              required
              maxLength={field.maxLength}
              minLength={field.type === 'password' ? minLength : undefined}
              defaultValue={value}
              aria-invalid={invalid ? true : undefined}
              aria-describedby={[hintId, invalid ? 'sign-up-error' : undefined].filter(Boolean).join(' ') || undefined}
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
