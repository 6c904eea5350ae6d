'use client';
// One button for every passkey ceremony that asks for an existing passkey
// (sign-in, second factor, step-up): get options from the server, let the
// browser talk to the authenticator, send the answer back. The server redirects
// on success; otherwise it answers with a message shown here.
import { useState } from 'react';
import { browserSupportsWebAuthn, startAuthentication, type PublicKeyCredentialRequestOptionsJSON, type AuthenticationResponseJSON } from '@simplewebauthn/browser';

export type PasskeyAnswer = { error?: string };

type Props = {
  label: string;
  begin: () => Promise<PublicKeyCredentialRequestOptionsJSON | null>;
  finish: (response: AuthenticationResponseJSON) => Promise<PasskeyAnswer>;
  className?: string;
  /** id of the element this button's message goes into (for aria-describedby) */
  id: string;
};

export const PASSKEY_CANCELLED = 'The passkey request was cancelled or timed out. Try again when you are ready.';
export const PASSKEY_UNSUPPORTED = 'This browser cannot use passkeys.';

export function PasskeyButton({ label, begin, finish, className = 'button button-secondary', id }: Props) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const messageId = `${id}-message`;

  async function run() {
    setError(undefined);
    if (!browserSupportsWebAuthn()) return setError(PASSKEY_UNSUPPORTED);
    setPending(true);
    try {
      const optionsJSON = await begin();
      if (!optionsJSON) return setError('This request has expired. Reload the page and try again.');
      let response: AuthenticationResponseJSON;
      try {
        response = await startAuthentication({ optionsJSON });
      } catch {
        return setError(PASSKEY_CANCELLED);
      }
      const answer = await finish(response);
      if (answer.error) setError(answer.error);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="passkey-action">
      {error ? (
        <p id={messageId} className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" id={id} className={className} onClick={run} disabled={pending} aria-describedby={error ? messageId : undefined}>
        {pending ? 'Waiting for your passkey…' : label}
      </button>
    </div>
  );
}
