'use client';
// The proof a factor change sends with it (ADR 030): the current password and,
// where the account has a second factor, a code — or, left empty by a passkey
// holder, the browser's passkey dialog, whose answer goes along in the same
// request as `passkeyAssertion`.
import { browserSupportsWebAuthn, startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { AuthenticationCodeField } from '@/app/ui/code-field';
import { PASSKEY_CANCELLED, PASSKEY_UNSUPPORTED } from '@/app/ui/passkey-button';

export type ExistingFactors = { hasTotp: boolean; hasPasskey: boolean };

export function FactorProofFields({ id, factors, describedBy }: { id: string; factors: ExistingFactors; describedBy?: string }) {
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-password`}>Current password</label>
        <input id={`${id}-password`} name="password" type="password" autoComplete="current-password" required maxLength={1024} aria-describedby={describedBy} />
      </div>
      {factors.hasTotp ? (
        <AuthenticationCodeField
          id={`${id}-code`}
          describedBy={describedBy}
          hint={factors.hasPasskey ? 'From your authenticator app, or a recovery code — or leave it empty to confirm with your passkey.' : 'From your authenticator app, or a recovery code.'}
        />
      ) : factors.hasPasskey ? (
        <p className="hint">Your passkey will confirm this change.</p>
      ) : null}
    </>
  );
}

/**
 * Adds the passkey proof to `formData` when it is the proof this form gives
 * (a passkey holder who typed no code). Returns a message when the user could not give it.
 */
export async function attachPasskeyProof(
  formData: FormData,
  factors: ExistingFactors,
  options: () => Promise<PublicKeyCredentialRequestOptionsJSON | null>,
): Promise<string | undefined> {
  if (!factors.hasPasskey || (factors.hasTotp && String(formData.get('code') ?? '').trim())) return undefined;
  if (!browserSupportsWebAuthn()) return PASSKEY_UNSUPPORTED;
  const optionsJSON = await options();
  if (!optionsJSON) return 'This request has expired. Reload the page and try again.';
  try {
    formData.set('passkeyAssertion', JSON.stringify(await startAuthentication({ optionsJSON })));
    return undefined;
  } catch {
    return PASSKEY_CANCELLED;
  }
}
