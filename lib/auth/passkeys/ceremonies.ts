// The two WebAuthn ceremonies through @simplewebauthn/server (no CBOR/COSE of
// our own): options for the browser, and verification of its answer against a
// challenge from lib/auth/passkeys/challenges.ts, the configured RP ID and
// origin, with user verification required. Attestation "none": we trust the
// key the authenticator made, not a vendor's certificate chain (ADR 022).
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { RelyingParty } from '../../config/relying-party';

export const CEREMONY_TIMEOUT_MS = 120_000;

type StoredCredential = { id: string; transports: string };

// The library base64url-encodes a string challenge's UTF-8 bytes; ours are base64url already, so pass the bytes.
const challengeBytes = (challenge: string) => new Uint8Array(Buffer.from(challenge, 'base64url'));

const transportsOf = (stored: string) => (stored ? stored.split(',') : undefined) as AuthenticatorTransport[] | undefined;

export function registrationOptions(
  rp: RelyingParty,
  user: { id: string; email: string; name: string },
  existing: StoredCredential[],
  challenge: string,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name,
    // The user handle is the opaque database id (no email inside); a discoverable sign-in returns it.
    userID: new TextEncoder().encode(user.id),
    challenge: challengeBytes(challenge),
    timeout: CEREMONY_TIMEOUT_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: transportsOf(c.transports) })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
}

export function authenticationOptions(rp: RelyingParty, allowed: StoredCredential[], challenge: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: rp.id,
    challenge: challengeBytes(challenge),
    timeout: CEREMONY_TIMEOUT_MS,
    userVerification: 'required',
    // Empty for discoverable sign-in: the authenticator offers whatever passkeys it holds for this RP.
    allowCredentials: allowed.map((c) => ({ id: c.id, transports: transportsOf(c.transports) })),
  });
}

export type NewCredential = { id: string; publicKey: string; signCount: number; transports: string; deviceType: string; backedUp: boolean };

/**
 * What every answer must match, registration or assertion: the challenge we
 * issued (`consume` checks and burns it), our origin and RP ID, and a verified
 * user (a passkey alone is a strong authentication only with user verification).
 */
function expectations(rp: RelyingParty, consume: (challenge: string) => Promise<boolean>) {
  return { expectedChallenge: consume, expectedOrigin: rp.origin, expectedRPID: rp.id, requireUserVerification: true };
}

/** `consume(challenge)` must check and burn the challenge the answer carries. */
export async function verifyRegistration(
  rp: RelyingParty,
  response: RegistrationResponseJSON,
  consume: (challenge: string) => Promise<boolean>,
): Promise<NewCredential | undefined> {
  try {
    const result = await verifyRegistrationResponse({
      response,
      ...expectations(rp, consume),
    });
    if (!result.verified) return undefined;
    const { credential, credentialDeviceType, credentialBackedUp } = result.registrationInfo;
    return {
      id: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      signCount: credential.counter,
      transports: (credential.transports ?? []).filter((t) => /^[a-z-]{1,32}$/.test(t)).join(','),
      deviceType: credentialDeviceType,
      backedUp: credentialBackedUp,
    };
  } catch (error) {
    // Wrong challenge, origin, RP ID, no UV, malformed: all the same to the caller; the reason goes to the log.
    console.warn(`[passkeys] registration refused: ${(error as Error).message}`);
    return undefined;
  }
}

export type AssertionCheck =
  | { status: 'verified'; newCounter: number; deviceType: string; backedUp: boolean }
  | { status: 'invalid' }
  /** A valid signature whose counter did not increase: two copies of one key exist. */
  | { status: 'cloned'; newCounter: number };

/**
 * Verifies an assertion for `passkey`. The counter rule is applied here, after
 * the signature checked out, so only the key's holder can raise a clone alarm
 * (the library checks counters before signatures, so it gets a counter of 0).
 */
export async function verifyAssertion(
  rp: RelyingParty,
  response: AuthenticationResponseJSON,
  passkey: { id: string; publicKey: string; signCount: number; transports: string },
  consume: (challenge: string) => Promise<boolean>,
): Promise<AssertionCheck> {
  try {
    const result = await verifyAuthenticationResponse({
      response,
      ...expectations(rp, consume),
      credential: { id: passkey.id, publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')), counter: 0, transports: transportsOf(passkey.transports) },
    });
    if (!result.verified) return { status: 'invalid' };
    const { newCounter, credentialDeviceType, credentialBackedUp } = result.authenticationInfo;
    if (counterRegressed(passkey.signCount, newCounter)) return { status: 'cloned', newCounter };
    return { status: 'verified', newCounter, deviceType: credentialDeviceType, backedUp: credentialBackedUp };
  } catch (error) {
    console.warn(`[passkeys] assertion refused: ${(error as Error).message}`);
    return { status: 'invalid' };
  }
}

/** WebAuthn §6.1.1: counters that are in use (either non-zero) must strictly increase. */
export function counterRegressed(stored: number, received: number): boolean {
  return (stored > 0 || received > 0) && received <= stored;
}
