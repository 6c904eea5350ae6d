import 'server-only';
// "Sign in with a passkey" (discoverable credentials, also through autofill):
// no email is typed, so the challenge is bound to the browser's sign-in attempt
// — sealed into its cookie, no row per request (ADR 032); a row is written only
// when a known passkey's answer spends it, so a replay is refused. A passkey with user verification
// is a complete strong authentication — something you have, unlocked by
// something you are or know — so the session is created at once, mfaVerified,
// by the same session store as every other sign-in (regeneration, audit, throttle).
// An unknown credential gets exactly the answer a wrong signature gets.
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { fetchPasskeyOwner } from '../../dal/passkeys';
import { spendSealedChallenge } from '../../dal/passkey-challenges';
import { env } from '../../env';
import type { RequestContext } from '../../session';
import { establishSession, failAttempt, startAttempt, succeedAttempt } from '../sign-in';
import { isKnownDeviceOf } from '../device';
import { CHALLENGE_TTL_MS, hashAttemptToken } from './challenges';
import type { SignInAttempt } from './attempt-seal';
import { authenticationOptions } from './ceremonies';
import { checkPasskeyAssertion } from './assertion';
import { parseAuthenticationResponse } from './response-shape';

export const PASSKEY_SIGN_IN_FAILED = 'That passkey could not sign you in. Try again, or sign in with your email and password.';

export function beginPasskeySignIn(challenge: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return authenticationOptions(env.relyingParty, [], challenge);
}

export type PasskeySignInResult = { status: 'signed-in' } | { status: 'invalid' } | { status: 'blocked' };

export async function completePasskeySignIn(input: unknown, signInAttempt: SignInAttempt, context: RequestContext): Promise<PasskeySignInResult> {
  const credentialId = parseAuthenticationResponse(input)?.id;
  if (!credentialId) return { status: 'invalid' };
  const owner = await fetchPasskeyOwner(credentialId);
  // Unknown credentials are throttled under a key of their own (bounded and decaying like unknown emails).
  const account = owner ? { email: owner.email, userId: owner.id } : { email: `unknown-passkey:${hashAttemptToken(credentialId)}`, userId: null };
  const knownDevice = owner !== null && (await isKnownDeviceOf(owner.id));
  const attempt = await startAttempt({ ...account, knownDevice }, 'passkey', context);
  if (!attempt) return { status: 'blocked' };

  const expiresAt = new Date(signInAttempt.issuedAt + CHALLENGE_TTL_MS);
  const result = await checkPasskeyAssertion(
    input,
    {
      purpose: 'sign-in',
      binding: {},
      spend: async (challenge) => challenge === signInAttempt.challenge && spendSealedChallenge(challenge, 'sign-in', expiresAt),
    },
    context,
  );
  if (result.status !== 'ok' || result.passkey.userId !== owner?.id) {
    const { locked } = await failAttempt(attempt, { method: 'passkey', reason: result.status === 'cloned' ? 'cloned' : 'invalid' });
    return locked ? { status: 'blocked' } : { status: 'invalid' };
  }
  if (!(await succeedAttempt(attempt, { secondFactorVerified: true }))) return { status: 'blocked' };
  await establishSession(owner.id, { method: 'passkey', mfaVerified: true, authLevel: 'phishing-resistant', context });
  return { status: 'signed-in' };
}
