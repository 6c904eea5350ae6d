'use client';
// "Add a passkey": a name (editable later), then the browser's passkey dialog.
import { useState } from 'react';
import { browserSupportsWebAuthn, startRegistration } from '@simplewebauthn/browser';
import { PASSKEY_CANCELLED, PASSKEY_UNSUPPORTED } from '@/app/ui/passkey-button';
import { finishPasskeyRegistrationAction, startPasskeyRegistrationAction } from './passkey-actions';

export function AddPasskey({ maxName }: { maxName: number }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function add(formData: FormData) {
    setError(undefined);
    if (!browserSupportsWebAuthn()) return setError(PASSKEY_UNSUPPORTED);
    setPending(true);
    try {
      const optionsJSON = await startPasskeyRegistrationAction();
      if (!optionsJSON) return setError('You have the most passkeys an account can have. Remove one first.');
      let response;
      try {
        response = await startRegistration({ optionsJSON });
      } catch {
        return setError(PASSKEY_CANCELLED);
      }
      const answer = await finishPasskeyRegistrationAction(response, formData.get('name'));
      if (answer.error) setError(answer.error);
    } finally {
      setPending(false);
    }
  }

  return (
    <form action={add} className="passkey-rename" aria-describedby={error ? 'add-passkey-error' : undefined}>
      {error ? (
        <p id="add-passkey-error" className="alert alert-error" role="alert" style={{ flexBasis: '100%' }}>
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="new-passkey-name">Name for the new passkey</label>
        <input id="new-passkey-name" name="name" type="text" maxLength={maxName} placeholder="e.g. Work laptop" autoComplete="off" />
      </div>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Waiting for your passkey…' : 'Add a passkey'}
      </button>
    </form>
  );
}
