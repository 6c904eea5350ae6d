// The rows of dynamic linking (PSD2 RTS Art. 5; lib/banking/transfer-authorisation.ts
// says what they are bound to): request, authorise ("produce proof") and, inside
// the transfer's own database transaction, consume. Takes the client, so it is
// tested against a real database. Decisions: docs/decisions/017-strong-customer-authentication-for-payments.md
import type { Db } from '../db/client';
import type { ScaPolicy } from '../banking/sca-policy';
import type { TransferDestination } from '../banking/transfer';
import {
  AUTHORISATION_METHODS,
  isAuthorisationId,
  MAX_PENDING_AUTHORISATIONS_PER_USER,
  type AuthorisationMethod,
  type AuthorisedPayment,
  type BoundDetails,
} from '../banking/transfer-authorisation';

type AuthorisationDb = Pick<Db, 'transferAuthorisation'>;

const destinationColumns = (destination: TransferDestination) =>
  destination.kind === 'account'
    ? { toAccountId: destination.accountId, payeeId: null }
    : { toAccountId: null, payeeId: destination.payeeId };

/**
 * A pending authorisation for `payment`, usable only after authoriseTransfer().
 * Earlier pending requests of this session for the same form are replaced, the
 * user's expired unused ones are cleared, and beyond
 * MAX_PENDING_AUTHORISATIONS_PER_USER waiting ones the oldest go, so rows stay few.
 */
export async function requestTransferAuthorisation(
  db: AuthorisationDb,
  payment: AuthorisedPayment,
  sessionId: string,
  policy: Pick<ScaPolicy, 'authorisationTtlMs'>,
  now = new Date(),
): Promise<{ id: string; expiresAt: Date }> {
  await db.transferAuthorisation.deleteMany({
    where: {
      userId: payment.userId,
      usedAt: null,
      OR: [{ expiresAt: { lt: now } }, { sessionId, idempotencyKey: payment.idempotencyKey, authorisedAt: null }],
    },
  });
  await expireOldestPendingAuthorisations(db, payment.userId, MAX_PENDING_AUTHORISATIONS_PER_USER - 1);
  return db.transferAuthorisation.create({
    data: {
      userId: payment.userId,
      sessionId,
      idempotencyKey: payment.idempotencyKey,
      fromAccountId: payment.fromAccountId,
      ...destinationColumns(payment.destination),
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      createdAt: now,
      expiresAt: new Date(now.getTime() + policy.authorisationTtlMs),
    },
    select: { id: true, expiresAt: true },
  });
}

/** Deletes all but the newest `keep` of the user's unapproved, unused authorisations. */
async function expireOldestPendingAuthorisations(db: AuthorisationDb, userId: string, keep: number): Promise<void> {
  const waiting = { userId, authorisedAt: null, usedAt: null };
  const surplus = await db.transferAuthorisation.findMany({
    where: waiting,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: keep,
    select: { id: true },
  });
  if (surplus.length > 0) await db.transferAuthorisation.deleteMany({ where: { ...waiting, id: { in: surplus.map((row) => row.id) } } });
}

/** A pending (not yet authorised, not expired) authorisation of this user's session, for display. */
export async function findPendingAuthorisation(
  db: AuthorisationDb,
  where: { id: string; userId: string; sessionId: string },
  now = new Date(),
) {
  if (!isAuthorisationId(where.id)) return null;
  return db.transferAuthorisation.findFirst({
    where: { ...where, authorisedAt: null, usedAt: null, expiresAt: { gt: now } },
    select: { id: true, fromAccountId: true, toAccountId: true, payeeId: true, amountMinor: true, currency: true, expiresAt: true },
  });
}

export type AuthoriseResult = { status: 'authorised'; expiresAt: Date } | { status: 'not-found' };

/**
 * Produce the proof: call only after a successful strong authentication of the
 * user in `fromSessionId`. The authorisation moves to `toSessionId` (the
 * session the authentication regenerated) and is usable until now + TTL.
 */
export async function authoriseTransfer(
  db: AuthorisationDb,
  request: { id: string; userId: string; fromSessionId: string; toSessionId: string; method: AuthorisationMethod },
  policy: Pick<ScaPolicy, 'authorisationTtlMs'>,
  now = new Date(),
): Promise<AuthoriseResult> {
  if (!isAuthorisationId(request.id) || !AUTHORISATION_METHODS.includes(request.method)) return { status: 'not-found' };
  const expiresAt = new Date(now.getTime() + policy.authorisationTtlMs);
  const { count } = await db.transferAuthorisation.updateMany({
    where: { id: request.id, userId: request.userId, sessionId: request.fromSessionId, authorisedAt: null, usedAt: null, expiresAt: { gt: now } },
    data: { authorisedAt: now, method: request.method, sessionId: request.toSessionId, expiresAt },
  });
  return count === 1 ? { status: 'authorised', expiresAt } : { status: 'not-found' };
}

/**
 * Consume the proof, inside the transfer's database transaction (pass the
 * transaction client): true when exactly one authorisation matched every bound
 * detail and is now used by `transferId`. Rolled back with the transfer if that fails.
 */
export async function consumeTransferAuthorisation(
  tx: AuthorisationDb,
  payment: AuthorisedPayment & { sessionId: string; transferId: string },
  now = new Date(),
): Promise<boolean> {
  const candidate = await tx.transferAuthorisation.findFirst({
    where: {
      userId: payment.userId,
      sessionId: payment.sessionId,
      idempotencyKey: payment.idempotencyKey,
      fromAccountId: payment.fromAccountId,
      ...destinationColumns(payment.destination),
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      authorisedAt: { not: null },
      usedAt: null,
      expiresAt: { gt: now },
    },
    select: { id: true },
    orderBy: { authorisedAt: 'desc' },
  });
  if (!candidate) return false;
  // Guarded: of two transactions racing for the same row, one update matches.
  const { count } = await tx.transferAuthorisation.updateMany({
    where: { id: candidate.id, usedAt: null },
    data: { usedAt: now, transferId: payment.transferId },
  });
  return count === 1;
}

/** The bound details of a pending authorisation of this user's session (for a passkey challenge). */
export function findBoundDetails(db: AuthorisationDb, where: { id: string; userId: string; sessionId: string }, now = new Date()): Promise<BoundDetails | null> {
  if (!isAuthorisationId(where.id)) return Promise.resolve(null);
  return db.transferAuthorisation.findFirst({
    where: { ...where, authorisedAt: null, usedAt: null, expiresAt: { gt: now } },
    select: { id: true, idempotencyKey: true, fromAccountId: true, toAccountId: true, payeeId: true, amountMinor: true, currency: true },
  });
}
