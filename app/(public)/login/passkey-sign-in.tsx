'use client';
// "Sign in with a passkey" on /login, plus conditional UI: while the page is
// open, a passkey request waits in the background, so the browser can offer
// saved passkeys in the Email field's autofill (autocomplete="username webauthn").
// Pressing the button starts a modal request instead (the library aborts the
// waiting one).
import { useEffect } from 'react';
import { browserSupportsWebAuthnAutofill, startAuthentication } from '@simplewebauthn/browser';
import { PasskeyButton } from '@/app/ui/passkey-button';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { finishPasskeySignInAction } from './passkey-actions';

async function fetchSignInOptions(): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const response = await fetch('/login/passkey', { cache: 'no-store', credentials: 'same-origin' });
  return response.ok ? ((await response.json()) as PublicKeyCredentialRequestOptionsJSON) : null;
}

export function PasskeySignIn({ next }: { next?: string }) {
  useEffect(() => {
    let cancelled = false;
    (async () => {
      if (!(await browserSupportsWebAuthnAutofill())) return;
      const optionsJSON = await fetchSignInOptions();
      if (!optionsJSON || cancelled) return;
      const response = await startAuthentication({ optionsJSON, useBrowserAutofill: true });
      await finishPasskeySignInAction(response, next);
    })().catch(() => {
      // Aborted (the button was pressed, the page left) or dismissed: nothing to say.
    });
    return () => {
      cancelled = true;
    };
  }, [next]);

  return (
    <PasskeyButton
      id="passkey-sign-in"
      label="Sign in with a passkey"
      className="button button-secondary button-block"
      begin={fetchSignInOptions}
      finish={(response) => finishPasskeySignInAction(response, next)}
    />
  );
}
