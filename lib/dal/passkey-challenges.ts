import 'server-only';
// WebAuthn challenges kept on the server (ADR 022, 032): single-use (deleted by
// the check that uses them), short-lived, and bound to their purpose and to
// whoever may answer them — a challenge issued to one session, one sign-in
// attempt or one transfer is worthless anywhere else. The row's id is the
// challenge itself (base64url). How long one lives and how it is made are
// lib/auth/passkeys/challenges.ts's (issueChallenge).
import { db } from '../db';
import { isUniqueViolation } from '../db/errors';
import type { ChallengeBinding, ChallengePurpose } from '../auth/passkeys';

const CHALLENGE = /^[A-Za-z0-9_-]{16,128}$/;

const bindingColumns = (binding: ChallengeBinding) => ({
  userId: binding.userId ?? null,
  sessionId: binding.sessionId ?? null,
  attemptHash: binding.attemptHash ?? null,
  authorisationId: binding.authorisationId ?? null,
});

/** Stores `challenge` for `purpose` and `binding` until `expiresAt` (replacing a row with the same id). */
export async function createChallenge(
  challenge: string,
  purpose: ChallengePurpose,
  binding: ChallengeBinding,
  times: { now: Date; expiresAt: Date },
): Promise<void> {
  const { now, expiresAt } = times;
  // Expired ones are cleared as new ones come (indexed), so the table stays small.
  await db.passkeyChallenge.deleteMany({ where: { OR: [{ expiresAt: { lt: now } }, { id: challenge }] } });
  await db.passkeyChallenge.create({ data: { id: challenge, purpose, ...bindingColumns(binding), createdAt: now, expiresAt } });
}

/**
 * Single use of a challenge that lives in a sealed cookie rather than a row
 * (discoverable sign-in, ADR 032): the first spend records it until it would
 * have expired anyway; a replay collides with that record. Only answers that
 * reach this (a known passkey, this browser's challenge) write a row.
 */
export async function spendSealedChallenge(challenge: string, purpose: ChallengePurpose, expiresAt: Date, now = new Date()): Promise<boolean> {
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
export async function consumeChallenge(challenge: string, purpose: ChallengePurpose, binding: ChallengeBinding, now = new Date()): Promise<boolean> {
  if (!CHALLENGE.test(challenge)) return false;
  const { count } = await db.passkeyChallenge.deleteMany({
    where: { id: challenge, purpose, ...bindingColumns(binding), expiresAt: { gt: now } },
  });
  return count === 1;
}
