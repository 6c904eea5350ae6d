// Dynamic linking (PSD2 RTS Art. 5): the proof that the user strongly
// authenticated one particular transfer. Framework-free, three steps:
//
//   requestTransferAuthorisation  the transfer needs SCA → a pending row naming
//                                 amount, currency, source, payee and idempotency key;
//                                 the re-authentication page shows exactly that row
//   authoriseTransfer             "produce proof": after a successful strong
//                                 authentication (/reauth with password and code, or
//                                 a passkey assertion over transferChallenge() —
//                                 ADR 022) the row becomes usable, for minutes,
//                                 by the session that authenticated
//   consumeTransferAuthorisation  "consume proof": inside the transfer's own database
//                                 transaction, one guarded UPDATE marks it used — a
//                                 different amount, payee, source, key or session,
//                                 a second use or an expired one matches nothing
//
// Decisions: docs/decisions/017-strong-customer-authentication-for-payments.md
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/client';
import type { ScaPolicy } from './sca-policy';
import type { TransferDestination } from './transfer';

type AuthorisationDb = Pick<Db, 'transferAuthorisation'>;

/** What an authorisation is bound to. */
export type AuthorisedPayment = {
  userId: string;
  idempotencyKey: string;
  fromAccountId: string;
  destination: TransferDestination;
  amountMinor: number;
  currency: string;
};

/**
 * How the user proved it was them (recorded on the authorisation and in the
 * audit log): always two independent factors (RTS Art. 4; ADR 030) — the
 * password alone approves no payment.
 */
export type AuthorisationMethod = 'password+totp' | 'passkey';
const AUTHORISATION_METHODS: readonly string[] = ['password+totp', 'passkey'] satisfies AuthorisationMethod[];

const AUTHORISATION_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isAuthorisationId(value: unknown): value is string {
  return typeof value === 'string' && AUTHORISATION_ID.test(value);
}

const destinationColumns = (destination: TransferDestination) =>
  destination.kind === 'account'
    ? { toAccountId: destination.accountId, payeeId: null }
    : { toAccountId: null, payeeId: destination.payeeId };

/**
 * Unapproved payment approvals one user may have waiting at once; a new one
 * beyond it expires the oldest (ADR 032): nothing a signed-in client repeats
 * grows the table without bound, and the user's latest payment always works.
 */
export const MAX_PENDING_AUTHORISATIONS_PER_USER = 5;

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

// A passkey step-up signs the transfer itself (dynamic linking, RTS Art. 5(1)(b)):
// the WebAuthn challenge is a server nonce followed by SHA-256 over the nonce and
// the authorisation's bound details, so the authenticator's signature covers
// amount, currency, source, payee and idempotency key. The server re-derives it
// from the authorisation it is asked to approve: an assertion made for payee P
// does not match the challenge of a transfer to payee Q.
type BoundDetails = { id: string; idempotencyKey: string; fromAccountId: string; toAccountId: string | null; payeeId: string | null; amountMinor: number; currency: string };

const NONCE_BYTES = 16;

function transferDigest(details: BoundDetails, nonce: Buffer): Buffer {
  const canonical = JSON.stringify([
    'strongroom-transfer-v1',
    details.id,
    details.amountMinor,
    details.currency,
    details.fromAccountId,
    details.toAccountId,
    details.payeeId,
    details.idempotencyKey,
  ]);
  return createHash('sha256').update(nonce).update(canonical).digest();
}

/** A fresh challenge for approving `details` with a passkey (base64url). */
export function transferChallenge(details: BoundDetails, nonce: Buffer = randomBytes(NONCE_BYTES)): string {
  return Buffer.concat([nonce, transferDigest(details, nonce)]).toString('base64url');
}

/** Whether `challenge` (from the signed client data) was derived from exactly `details`. */
export function matchesTransferChallenge(challenge: string, details: BoundDetails): boolean {
  const bytes = Buffer.from(challenge, 'base64url');
  if (bytes.length !== NONCE_BYTES + 32) return false;
  return timingSafeEqual(bytes.subarray(NONCE_BYTES), transferDigest(details, bytes.subarray(0, NONCE_BYTES)));
}

/** The bound details of a pending authorisation of this user's session (for a passkey challenge). */
export function findBoundDetails(db: AuthorisationDb, where: { id: string; userId: string; sessionId: string }, now = new Date()): Promise<BoundDetails | null> {
  if (!isAuthorisationId(where.id)) return Promise.resolve(null);
  return db.transferAuthorisation.findFirst({
    where: { ...where, authorisedAt: null, usedAt: null, expiresAt: { gt: now } },
    select: { id: true, idempotencyKey: true, fromAccountId: true, toAccountId: true, payeeId: true, amountMinor: true, currency: true },
  });
}
