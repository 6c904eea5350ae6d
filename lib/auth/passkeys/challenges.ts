// WebAuthn challenges, kept on the server: single-use (deleted by the check that
// uses them), short-lived, and bound to their purpose and to whoever may answer
// them. A challenge issued to one session, one sign-in attempt or one transfer is
// worthless anywhere else. The row's id is the challenge itself (base64url).
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';

type ChallengeDb = Pick<Db, 'passkeyChallenge'>;

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

const CHALLENGE = /^[A-Za-z0-9_-]{16,128}$/;

export const newRandomChallenge = () => randomBytes(32).toString('base64url');

export const hashAttemptToken = (token: string) => createHash('sha256').update(token).digest('base64url');

const bindingColumns = (binding: ChallengeBinding) => ({
  userId: binding.userId ?? null,
  sessionId: binding.sessionId ?? null,
  attemptHash: binding.attemptHash ?? null,
  authorisationId: binding.authorisationId ?? null,
});

/** Stores a challenge for `purpose` and `binding`; returns it (a random one unless `challenge` is given). */
export async function issueChallenge(
  db: ChallengeDb,
  purpose: ChallengePurpose,
  binding: ChallengeBinding,
  options: { challenge?: string; now?: Date; ttlMs?: number } = {},
): Promise<string> {
  const now = options.now ?? new Date();
  const challenge = options.challenge ?? newRandomChallenge();
  // Expired ones are cleared as new ones come (indexed), so the table stays small.
  await db.passkeyChallenge.deleteMany({ where: { OR: [{ expiresAt: { lt: now } }, { id: challenge }] } });
  await db.passkeyChallenge.create({
    data: { id: challenge, purpose, ...bindingColumns(binding), createdAt: now, expiresAt: new Date(now.getTime() + (options.ttlMs ?? CHALLENGE_TTL_MS)) },
  });
  return challenge;
}

/**
 * Single use of a challenge that lives in a sealed cookie rather than a row
 * (discoverable sign-in, ADR 032): the first spend records it until it would
 * have expired anyway; a replay collides with that record. Only answers that
 * reach this (a known passkey, this browser's challenge) write a row.
 */
export async function spendSealedChallenge(db: ChallengeDb, challenge: string, purpose: ChallengePurpose, expiresAt: Date, now = new Date()): Promise<boolean> {
  if (!CHALLENGE.test(challenge) || expiresAt <= now) return false;
  await db.passkeyChallenge.deleteMany({ where: { expiresAt: { lt: now } } });
  try {
    // A purpose no issued challenge has: consumeChallenge can never accept this record.
    await db.passkeyChallenge.create({ data: { id: challenge, purpose: `spent:${purpose}`, createdAt: now, expiresAt } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * True once for a live challenge with exactly this purpose and binding, which is
 * deleted in the same statement: of two parallel answers, one wins.
 */
export async function consumeChallenge(db: ChallengeDb, challenge: string, purpose: ChallengePurpose, binding: ChallengeBinding, now = new Date()): Promise<boolean> {
  if (!CHALLENGE.test(challenge)) return false;
  const { count } = await db.passkeyChallenge.deleteMany({
    where: { id: challenge, purpose, ...bindingColumns(binding), expiresAt: { gt: now } },
  });
  return count === 1;
}
