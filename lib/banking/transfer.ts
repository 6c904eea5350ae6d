// A transfer's vocabulary: what is asked for, who asks, and every outcome and
// refusal reason. Framework-free; the money moves in lib/dal/send-transfer.ts.
import type { AuthorisedPayment } from './transfer-authorisation';

export const MEMO_MAX_LENGTH = 140;

export type TransferDestination = { kind: 'account'; accountId: string } | { kind: 'payee'; payeeId: string };

export type TransferRequest = {
  userId: string;
  idempotencyKey: string;
  fromAccountId: string;
  destination: TransferDestination;
  amountMinor: number;
  memo: string | null;
  /** Who sends it: the session decides the SCA window and owns authorisations; all of it goes to the audit log. */
  actor: TransferActor;
  now?: Date;
};

export type TransferActor = {
  sessionId: string;
  /** The session's last strong authentication (full sign-in or step-up): the exemption counter starts here. */
  authenticatedAt: Date;
  ipAddress?: string | null;
  userAgent?: string | null;
};

/** How a transfer satisfied strong customer authentication. */
export type ScaBasis = 'authorised' | 'low-value' | 'own-accounts';

export type TransferRecord = {
  id: string;
  fromAccountId: string;
  toAccountId: string | null;
  payeeId: string | null;
  amountMinor: number;
  currency: string;
  memo: string | null;
  createdAt: Date;
};

export type TransferRejection =
  | 'invalid-amount'
  | 'invalid-memo'
  | 'source-not-found'
  | 'source-not-allowed'
  | 'destination-not-found'
  | 'same-account'
  | 'currency-mismatch'
  | 'insufficient-funds'
  | 'key-reused'
  /** The account has not proven its email address yet (ADR 045): it moves no money. */
  | 'email-unverified';

export type TransferOutcome =
  | { status: 'created'; transfer: TransferRecord }
  /** The same request again (double click, replay): the transfer it already made. */
  | { status: 'duplicate'; transfer: TransferRecord }
  | { status: 'rejected'; reason: TransferRejection; message: string }
  /** Needs a strong authentication bound to this payment (nothing was sent): see lib/dal/transfer-authorisations.ts. */
  | { status: 'authorisation-required'; payment: AuthorisedPayment };

