import 'server-only';
// One passkey assertion, checked end to end: its shape, the stored credential
// (optionally: of this user only), the single-use challenge for this purpose and
// binding, the signature with user verification, and the counter. A verified use
// updates the counter in a guarded write; a counter that did not increase is
// refused, suspends the passkey for every holder and is recorded as a security
// event (a cloned authenticator, ADR 032). A suspended passkey is refused outright.
import { env } from '../../env';
import type { RequestContext } from '../../session';
import { fetchPasskeyForAssertion, suspendClonedPasskey, updatePasskeyUse } from '../../dal/passkeys';
import { consumeChallenge } from '../../dal/passkey-challenges';
import type { ChallengeBinding, ChallengePurpose } from './challenges';
import { verifyAssertion } from './ceremonies';
import { parseAuthenticationResponse } from './response-shape';

export type PasskeyAssertionResult =
  | { status: 'ok'; passkey: { id: string; userId: string; name: string } }
  /** Unknown credential, wrong user, spent/foreign challenge, bad signature, no UV: one answer for all. */
  | { status: 'invalid'; userId: string | null }
  | { status: 'cloned'; userId: string };

export async function checkPasskeyAssertion(
  input: unknown,
  expected: {
    purpose: ChallengePurpose;
    binding: ChallengeBinding;
    /** Only this user's passkeys count. */
    userId?: string;
    /** An extra check of the signed challenge (a transfer's derived one), before it is consumed. */
    matches?: (challenge: string) => boolean;
    /** Spends a challenge kept outside the table (a sealed cookie's) instead of consuming a stored one. */
    spend?: (challenge: string) => Promise<boolean>;
  },
  context: RequestContext,
  now = new Date(),
): Promise<PasskeyAssertionResult> {
  const response = parseAuthenticationResponse(input);
  if (!response) return { status: 'invalid', userId: expected.userId ?? null };
  const passkey = await fetchPasskeyForAssertion(response.id, expected.userId);
  if (!passkey) return { status: 'invalid', userId: expected.userId ?? null };
  // Whichever copy answers, the other holder's is as good: a clone is usable by nobody.
  if (passkey.suspendedAt) return { status: 'invalid', userId: passkey.userId };

  const check = await verifyAssertion(
    env.relyingParty,
    response,
    passkey,
    async (challenge) =>
      (expected.matches?.(challenge) ?? true) &&
      (expected.spend ? expected.spend(challenge) : consumeChallenge(challenge, expected.purpose, expected.binding, now)),
  );
  if (check.status === 'cloned') {
    await suspendClonedPasskey(passkey.id, now, {
      type: 'passkey.clone_detected',
      userId: passkey.userId,
      ...context,
      detail: { passkey: passkey.name, storedCounter: passkey.signCount, receivedCounter: check.newCounter, during: expected.purpose, suspended: true },
    });
    return { status: 'cloned', userId: passkey.userId };
  }
  if (check.status === 'invalid') return { status: 'invalid', userId: passkey.userId };
  // Guarded: of two uses racing with the same counter, one moves it forward.
  if (!(await updatePasskeyUse(passkey, { newCounter: check.newCounter, deviceType: check.deviceType, backedUp: check.backedUp, now }))) return { status: 'invalid', userId: passkey.userId };
  return { status: 'ok', passkey: { id: passkey.id, userId: passkey.userId, name: passkey.name } };
}
