// Moving money, framework-free (a Prisma client in, a result out) so it is
// tested against a real database. Decisions: docs/decisions/009-money-transfers-idempotency.md
//  • ownership: every account and payee is looked up with the user's id;
//  • idempotency: Transfer(userId, idempotencyKey) is unique, and the Transfer
//    row is the first write of the database transaction, so of two identical
//    submits exactly one commits and the other answers with the same transfer;
//  • never negative: the debit is one guarded UPDATE … WHERE balance >= amount;
//  • one database transaction: transfer row, both balances and the ledger
//    entries commit together or not at all.
import type { Db } from '../db/client';
import { formatMoney, MAX_TRANSFER_MINOR } from './money';

export const MEMO_MAX_LENGTH = 140;

export type TransferDestination = { kind: 'account'; accountId: string } | { kind: 'payee'; payeeId: string };

export type TransferRequest = {
  userId: string;
  idempotencyKey: string;
  fromAccountId: string;
  destination: TransferDestination;
  amountMinor: number;
  memo: string | null;
  now?: Date;
};

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
  | 'key-reused';

export type TransferOutcome =
  | { status: 'created'; transfer: TransferRecord }
  /** The same request again (double click, replay): the transfer it already made. */
  | { status: 'duplicate'; transfer: TransferRecord }
  | { status: 'rejected'; reason: TransferRejection; message: string };

const transferSelect = {
  id: true,
  fromAccountId: true,
  toAccountId: true,
  payeeId: true,
  amountMinor: true,
  currency: true,
  memo: true,
  createdAt: true,
} as const;

class InsufficientFunds extends Error {}

const reject = (reason: TransferRejection, message: string): TransferOutcome => ({ status: 'rejected', reason, message });

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'P2002';
}

function sameRequest(existing: TransferRecord, request: TransferRequest): boolean {
  const { destination } = request;
  return (
    existing.fromAccountId === request.fromAccountId &&
    existing.amountMinor === request.amountMinor &&
    (existing.memo ?? null) === (request.memo ?? null) &&
    (destination.kind === 'account'
      ? existing.toAccountId === destination.accountId && existing.payeeId === null
      : existing.payeeId === destination.payeeId && existing.toAccountId === null)
  );
}

/** An earlier transfer made with this key: the same one again, or a reused key. */
async function replayOf(db: Db, request: TransferRequest): Promise<TransferOutcome | null> {
  const existing = await db.transfer.findUnique({
    where: { userId_idempotencyKey: { userId: request.userId, idempotencyKey: request.idempotencyKey } },
    select: transferSelect,
  });
  if (!existing) return null;
  if (sameRequest(existing, request)) return { status: 'duplicate', transfer: existing };
  return reject(
    'key-reused',
    'This form was already used to send a different transfer, so nothing was sent. Check the details and send again.',
  );
}

export async function createTransfer(db: Db, request: TransferRequest): Promise<TransferOutcome> {
  const { userId, amountMinor } = request;
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0 || amountMinor > MAX_TRANSFER_MINOR) {
    return reject('invalid-amount', 'Enter an amount greater than zero.');
  }
  if (request.memo !== null && request.memo.length > MEMO_MAX_LENGTH) {
    return reject('invalid-memo', `Keep the reference to ${MEMO_MAX_LENGTH} characters or fewer.`);
  }

  const replay = await replayOf(db, request);
  if (replay) return replay;

  const from = await db.bankAccount.findFirst({ where: { id: request.fromAccountId, userId } });
  if (!from) return reject('source-not-found', 'Choose one of your accounts to send from.');
  if (from.kind === 'card') return reject('source-not-allowed', 'Money can’t be sent from a card account. Choose another account.');

  const { destination } = request;
  const toAccount =
    destination.kind === 'account' ? await db.bankAccount.findFirst({ where: { id: destination.accountId, userId } }) : null;
  const payee = destination.kind === 'payee' ? await db.payee.findFirst({ where: { id: destination.payeeId, userId } }) : null;
  if (!toAccount && !payee) return reject('destination-not-found', 'Choose one of your accounts or saved payees to send to.');
  if (toAccount?.id === from.id) return reject('same-account', 'Choose a different account to send to.');
  if (toAccount && toAccount.currency !== from.currency) {
    return reject('currency-mismatch', `Both accounts must use the same currency (${from.currency} and ${toAccount.currency}).`);
  }

  const now = request.now ?? new Date();
  const toName = toAccount?.name ?? payee!.name;
  const toCard = toAccount?.kind === 'card';
  const category = toCard ? 'Card payment' : 'Transfers';

  try {
    const transfer = await db.$transaction(async (tx) => {
      // First write: claims the idempotency key (a concurrent twin fails here with P2002).
      const created = await tx.transfer.create({
        data: {
          userId,
          idempotencyKey: request.idempotencyKey,
          fromAccountId: from.id,
          toAccountId: toAccount?.id ?? null,
          payeeId: payee?.id ?? null,
          amountMinor,
          currency: from.currency,
          memo: request.memo,
          createdAt: now,
        },
        select: transferSelect,
      });

      const debit = async () => {
        const { count } = await tx.bankAccount.updateMany({
          where: { id: from.id, userId, balanceMinor: { gte: amountMinor } },
          data: { balanceMinor: { decrement: amountMinor } },
        });
        if (count !== 1) throw new InsufficientFunds();
        const { balanceMinor } = await tx.bankAccount.findUniqueOrThrow({ where: { id: from.id }, select: { balanceMinor: true } });
        await tx.transaction.create({
          data: {
            accountId: from.id,
            amountMinor: -amountMinor,
            balanceAfterMinor: balanceMinor,
            description: request.memo ?? `Transfer to ${toName}`,
            counterparty: toName,
            category,
            bookedAt: now,
            transferId: created.id,
          },
        });
      };
      const credit = async (to: NonNullable<typeof toAccount>) => {
        const { balanceMinor } = await tx.bankAccount.update({
          where: { id: to.id, userId },
          data: { balanceMinor: { increment: amountMinor } },
          select: { balanceMinor: true },
        });
        await tx.transaction.create({
          data: {
            accountId: to.id,
            amountMinor,
            balanceAfterMinor: balanceMinor,
            description: request.memo ?? (toCard ? 'Payment received, thank you' : `Transfer from ${from.name}`),
            counterparty: from.name,
            category,
            bookedAt: now,
            transferId: created.id,
          },
        });
      };

      // Rows are locked in id order, so two opposite transfers cannot deadlock (PostgreSQL).
      if (toAccount && toAccount.id < from.id) {
        await credit(toAccount);
        await debit();
      } else {
        await debit();
        if (toAccount) await credit(toAccount);
      }
      return created;
    });
    return { status: 'created', transfer };
  } catch (error) {
    if (error instanceof InsufficientFunds) {
      const current = await db.bankAccount.findFirst({ where: { id: from.id, userId }, select: { balanceMinor: true } });
      const available = formatMoney(Math.max(current?.balanceMinor ?? 0, 0), from.currency);
      return reject(
        'insufficient-funds',
        `Not enough money in ${from.name}: ${available} is available. Nothing was sent.`,
      );
    }
    if (isUniqueViolation(error)) {
      const replayed = await replayOf(db, request);
      if (replayed) return replayed;
    }
    throw error;
  }
}
