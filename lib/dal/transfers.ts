import 'server-only';
// Transfers for the signed-in user: the form's choices, receipts, and sending
// (send-transfer.ts does the money; this adds the audit trail).
import { db } from '../db';
import { env } from '../env';
import { recordAuditEvent } from './audit';
import { scaPolicyFromEnv } from '../banking/sca-policy';
import type { TransferOutcome, TransferRequest } from '../banking/transfer';
import type { AuthorisationMethod, AuthorisedPayment } from '../banking/transfer-authorisation';
import { createTransfer } from './send-transfer';
import { authoriseTransfer, findPendingAuthorisation, requestTransferAuthorisation } from './transfer-authorisations';
import type { RequestContext, Session } from '../session';

/** PSD2 RTS limits as configured (only ever lower than the RTS's own). */
export const scaPolicy = scaPolicyFromEnv(env);

type Actor = { session: Pick<Session, 'id' | 'authenticatedAt'>; context: RequestContext };

export type TransferOptions = {
  sources: { id: string; name: string; kind: string; currency: string; balanceMinor: number }[];
  accounts: { id: string; name: string; kind: string; currency: string }[];
  payees: { id: string; name: string; iban: string }[];
};

export async function fetchTransferOptions(userId: string): Promise<TransferOptions> {
  const [accounts, payees] = await Promise.all([
    db.bankAccount.findMany({
      where: { userId },
      select: { id: true, name: true, kind: true, currency: true, balanceMinor: true },
      orderBy: { createdAt: 'asc' },
    }),
    db.payee.findMany({ where: { userId }, select: { id: true, name: true, iban: true }, orderBy: { name: 'asc' } }),
  ]);
  return {
    // Cards receive payments but do not send money (see send-transfer.ts).
    sources: accounts.filter((account) => account.kind !== 'card'),
    accounts: accounts.map(({ balanceMinor: _balance, ...account }) => account),
    payees,
  };
}

export type TransferReceipt = {
  id: string;
  amountMinor: number;
  currency: string;
  memo: string | null;
  createdAt: Date;
  fromAccount: { id: string; name: string };
  toAccount: { id: string; name: string } | null;
  payee: { name: string; iban: string } | null;
};

// What a receipt shows, for one transfer or a list.
const receiptSelect = {
  id: true,
  amountMinor: true,
  currency: true,
  memo: true,
  createdAt: true,
  fromAccount: { select: { id: true, name: true } },
  toAccount: { select: { id: true, name: true } },
  payee: { select: { name: true, iban: true } },
} as const;

export async function fetchTransfer(userId: string, transferId: string): Promise<TransferReceipt | null> {
  if (typeof transferId !== 'string' || transferId.length > 64) return null;
  return db.transfer.findFirst({
    where: { id: transferId, userId },
    select: receiptSelect,
  });
}

export async function fetchRecentTransfers(userId: string, take = 5): Promise<TransferReceipt[]> {
  return db.transfer.findMany({
    where: { userId },
    select: receiptSelect,
    orderBy: { createdAt: 'desc' },
    take,
  });
}

/** Sends a transfer for `userId`; the core records it (or its rejection) in the security log. */
export async function submitTransfer(request: Omit<TransferRequest, 'actor'>, actor: Actor): Promise<TransferOutcome> {
  return createTransfer(
    db,
    { ...request, actor: { sessionId: actor.session.id, authenticatedAt: actor.session.authenticatedAt, ...actor.context } },
    scaPolicy,
  );
}

/** A transfer form the server refused before it reached the money code (audited all the same). */
export async function recordRejectedTransferForm(userId: string, actor: Actor, fields: string[]): Promise<void> {
  await recordAuditEvent(db, {
    type: 'transfer.rejected',
    userId,
    sessionId: actor.session.id,
    ...actor.context,
    detail: { reason: 'invalid-form', fields: fields.join(',') },
  });
}

/** The payment needs a strong authentication bound to it: a pending authorisation for the step-up page. */
export async function requestAuthorisation(payment: AuthorisedPayment, actor: Actor): Promise<{ id: string }> {
  const { id } = await requestTransferAuthorisation(db, payment, actor.session.id, scaPolicy);
  await recordAuditEvent(db, {
    type: 'transfer.authorisation_requested',
    userId: payment.userId,
    sessionId: actor.session.id,
    ...actor.context,
    detail: { authorisationId: id, amountMinor: payment.amountMinor, currency: payment.currency, to: payment.destination.kind },
  });
  return { id };
}

export type PendingAuthorisationView = {
  id: string;
  amountMinor: number;
  currency: string;
  fromAccountName: string;
  to: { name: string; iban: string | null };
  expiresAt: Date;
};

/** What the re-authentication page shows for a pending authorisation of this session (null: none, or not this user's). */
export async function fetchPendingAuthorisation(userId: string, sessionId: string, id: string): Promise<PendingAuthorisationView | null> {
  const pending = await findPendingAuthorisation(db, { id, userId, sessionId });
  if (!pending) return null;
  const [from, payee, toAccount] = await Promise.all([
    db.bankAccount.findFirst({ where: { id: pending.fromAccountId, userId }, select: { name: true } }),
    pending.payeeId ? db.payee.findFirst({ where: { id: pending.payeeId, userId }, select: { name: true, iban: true } }) : null,
    pending.toAccountId ? db.bankAccount.findFirst({ where: { id: pending.toAccountId, userId }, select: { name: true, iban: true } }) : null,
  ]);
  const to = payee ?? toAccount;
  if (!from || !to) return null;
  return { id: pending.id, amountMinor: pending.amountMinor, currency: pending.currency, fromAccountName: from.name, to, expiresAt: pending.expiresAt };
}

/** After a successful step-up in `fromSessionId` (now regenerated as `toSessionId`): the authorisation becomes usable. */
export async function approveAuthorisation(
  request: { id: string; userId: string; fromSessionId: string; toSessionId: string; method: AuthorisationMethod },
  context: RequestContext,
): Promise<boolean> {
  const result = await authoriseTransfer(db, request, scaPolicy);
  if (result.status !== 'authorised') return false;
  await recordAuditEvent(db, {
    type: 'transfer.authorised',
    userId: request.userId,
    sessionId: request.toSessionId,
    ...context,
    detail: { authorisationId: request.id, method: request.method },
  });
  return true;
}
