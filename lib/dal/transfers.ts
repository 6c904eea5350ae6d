import 'server-only';
// Transfers for the signed-in user: the form's choices, receipts, and sending
// (lib/banking/transfer.ts does the money; this adds the audit trail).
import { db } from '../db';
import { recordAuditEvent } from '../audit';
import { createTransfer, type TransferOutcome, type TransferRequest } from '../banking/transfer';
import type { RequestContext } from '../session';

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
    // Cards receive payments but do not send money (see lib/banking/transfer.ts).
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

/** Sends a transfer for `userId` and records it in the security log. */
export async function submitTransfer(
  request: TransferRequest,
  audit: { sessionId: string; context: RequestContext },
): Promise<TransferOutcome> {
  const outcome = await createTransfer(db, request);
  if (outcome.status === 'created') {
    await recordAuditEvent(db, {
      type: 'transfer.created',
      userId: request.userId,
      sessionId: audit.sessionId,
      ...audit.context,
      detail: {
        transferId: outcome.transfer.id,
        amountMinor: outcome.transfer.amountMinor,
        currency: outcome.transfer.currency,
        to: request.destination.kind,
      },
    });
  }
  return outcome;
}
