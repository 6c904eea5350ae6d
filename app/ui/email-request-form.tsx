'use client';
// A form that asks for one email address and, once the server has answered,
// shows its one answer in the form's place: "Forgot password?" and the change
// of sign-in address (the same answer whoever the address belongs to).
import { useActionState } from 'react';
import { FormAlert, FormDone } from './form-alert';

export type EmailRequestState = { error?: string; done?: string };

export function EmailRequestForm({
  action,
  field,
  submit,
}: {
  action: (previous: EmailRequestState, formData: FormData) => Promise<EmailRequestState>;
  field: { name: string; label: string; autoComplete: 'username' | 'email' };
  /** The button's text, and its text while the form is sent. */
  submit: [string, string];
}) {
  const [state, formAction, pending] = useActionState<EmailRequestState, FormData>(action, {});
  if (state.done) return <FormDone message={state.done} />;
  const errorId = `${field.name}-error`;
  return (
    <form action={formAction} className="form" noValidate>
      <FormAlert id={errorId} error={state.error} />
      <div className="field">
        <label htmlFor={field.name}>{field.label}</label>
        <input
          id={field.name}
          name={field.name}
          type="email"
          autoComplete={field.autoComplete}
          required
          maxLength={254}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? errorId : undefined}
        />
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? submit[1] : submit[0]}
      </button>
    </form>
  );
}
