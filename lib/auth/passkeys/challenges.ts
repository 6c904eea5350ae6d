// WebAuthn challenges, kept on the server: single-use (deleted by the check that
// uses them), short-lived, and bound to their purpose and to whoever may answer
// them. A challenge issued to one session, one sign-in attempt or one transfer is
// worthless anywhere else. Stored, spent and consumed by lib/dal/passkey-challenges.ts.
import { createHash, randomBytes } from 'node:crypto';
import { createChallenge } from '../../dal/passkey-challenges';

export type ChallengePurpose = 'register' | 'sign-in' | 'second-factor' | 'step-up' | 'transfer' | 'factor-change';

/** Who may answer: every field given must match, every field left out must be empty on the row. */
export type ChallengeBinding = {
  userId?: string;
  sessionId?: string;
  /** SHA-256 of the browser's sign-in attempt cookie, or of the pending login's nonce. */
  attemptHash?: string;
  authorisationId?: string;
};

/** Long enough to find and touch an authenticator; short enough that a stale page starts over. */
export const CHALLENGE_TTL_MS = 3 * 60_000;

export const newRandomChallenge = () => randomBytes(32).toString('base64url');

export const hashAttemptToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Stores a challenge for `purpose` and `binding`; returns it (a random one unless `challenge` is given). */
export async function issueChallenge(
  purpose: ChallengePurpose,
  binding: ChallengeBinding,
  options: { challenge?: string; now?: Date; ttlMs?: number } = {},
): Promise<string> {
  const now = options.now ?? new Date();
  const challenge = options.challenge ?? newRandomChallenge();
  await createChallenge(challenge, purpose, binding, { now, expiresAt: new Date(now.getTime() + (options.ttlMs ?? CHALLENGE_TTL_MS)) });
  return challenge;
}
