'use client';
// "Add a passkey": a name (editable later), the proof of who is asking (ADR 030),
// then the browser's passkey dialog — an existing passkey first when that is the proof.
import { useState } from 'react';
import { browserSupportsWebAuthn, startRegistration } from '@simplewebauthn/browser';
import { PASSKEY_CANCELLED, PASSKEY_UNSUPPORTED } from '@/app/ui/passkey-button';
import { finishPasskeyRegistrationAction, startPasskeyRegistrationAction } from './passkey-actions';
import { attachPasskeyProof, FactorProofFields, type ExistingFactors } from './factor-proof-fields';

export function AddPasskey({ maxName, factors }: { maxName: number; factors: ExistingFactors }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function add(formData: FormData) {
    setError(undefined);
    if (!browserSupportsWebAuthn()) return setError(PASSKEY_UNSUPPORTED);
    setPending(true);
    try {
      const start = await startPasskeyRegistrationAction();
      if (!start) return setError('You have the most passkeys an account can have. Remove one first.');
      const refused = await attachPasskeyProof(formData, factors, async () => start.proof);
      if (refused) return setError(refused);
      let registration;
      try {
        registration = await startRegistration({ optionsJSON: start.registration });
      } catch {
        return setError(PASSKEY_CANCELLED);
      }
      const answer = await finishPasskeyRegistrationAction(registration, formData);
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
      <FactorProofFields id="new-passkey" factors={factors} />
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Waiting for your passkey…' : 'Add a passkey'}
      </button>
    </form>
  );
}
