'use client';
import { useActionState } from 'react';
import { inviteAction, resendVerificationAction, type ProfileFormState } from './actions';

function Outcome({ state }: { state: ProfileFormState }) {
  if (state.error) {
    return (
      <p className="alert alert-error" role="alert">
        {state.error}
      </p>
    );
  }
  return state.done ? (
    <p className="alert alert-info" role="status">
      {state.done}
    </p>
  ) : null;
}

export function ResendVerificationForm() {
  const [state, formAction, pending] = useActionState<ProfileFormState, FormData>(resendVerificationAction, {});
  return (
    <form action={formAction} className="form">
      <Outcome state={state} />
      <button type="submit" className="button" disabled={pending}>
        {pending ? 'Sending…' : 'Send the link again'}
      </button>
    </form>
  );
}

export function InviteForm() {
  const [state, formAction, pending] = useActionState<ProfileFormState, FormData>(inviteAction, {});
  return (
    <form action={formAction} className="form" noValidate>
      <Outcome state={state} />
      <div className="field">
        <label htmlFor="invite-email">Email to invite</label>
        <input id="invite-email" name="email" type="email" autoComplete="off" required maxLength={254} />
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Inviting…' : 'Send invitation'}
      </button>
    </form>
  );
}
