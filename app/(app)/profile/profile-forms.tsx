'use client';
import { useActionState } from 'react';
import { FormAlert, FormDone } from '@/app/ui/form-alert';
import { inviteAction, resendVerificationAction, type ProfileFormState } from './actions';

function Outcome({ state, id }: { state: ProfileFormState; id: string }) {
  if (state.error) return <FormAlert id={id} error={state.error} />;
  return state.done ? <FormDone message={state.done} /> : null;
}

export function ResendVerificationForm() {
  const [state, formAction, pending] = useActionState<ProfileFormState, FormData>(resendVerificationAction, {});
  return (
    <form action={formAction} className="form">
      <Outcome state={state} id="resend-error" />
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
      <Outcome state={state} id="invite-error" />
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
