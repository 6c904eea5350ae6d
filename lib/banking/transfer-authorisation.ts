// Dynamic linking (PSD2 RTS Art. 5): the proof that the user strongly
// authenticated one particular transfer. What it is bound to and the passkey
// challenge over it live here (framework-free); its rows, in three steps, in
// lib/dal/transfer-authorisations.ts:
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
import { CRYPTO_LABELS } from '../config/crypto-labels';
import type { TransferDestination } from './transfer';

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
export const AUTHORISATION_METHODS: readonly string[] = ['password+totp', 'passkey'] satisfies AuthorisationMethod[];

const AUTHORISATION_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isAuthorisationId(value: unknown): value is string {
  return typeof value === 'string' && AUTHORISATION_ID.test(value);
}

/**
 * Unapproved payment approvals one user may have waiting at once; a new one
 * beyond it expires the oldest (ADR 032): nothing a signed-in client repeats
 * grows the table without bound, and the user's latest payment always works.
 */
export const MAX_PENDING_AUTHORISATIONS_PER_USER = 5;

// A passkey step-up signs the transfer itself (dynamic linking, RTS Art. 5(1)(b)):
// the WebAuthn challenge is a server nonce followed by SHA-256 over the nonce and
// the authorisation's bound details, so the authenticator's signature covers
// amount, currency, source, payee and idempotency key. The server re-derives it
// from the authorisation it is asked to approve: an assertion made for payee P
// does not match the challenge of a transfer to payee Q.
export type BoundDetails = { id: string; idempotencyKey: string; fromAccountId: string; toAccountId: string | null; payeeId: string | null; amountMinor: number; currency: string };

const NONCE_BYTES = 16;

function transferDigest(details: BoundDetails, nonce: Buffer): Buffer {
  const canonical = JSON.stringify([
    CRYPTO_LABELS.transferChallenge,
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
