// Moving money: a Prisma client in, a result out, so it is tested against a
// real database (the request and outcome types are lib/banking/transfer.ts).
// Decisions: docs/decisions/009-money-transfers-idempotency.md
//  • ownership: every account and payee is looked up with the user's id;
//  • idempotency: Transfer(userId, idempotencyKey) is unique, and the Transfer
//    row is the first write of the database transaction, so of two identical
//    submits exactly one commits and the other answers with the same transfer;
//  • never negative: the debit is one guarded UPDATE … WHERE balance >= amount;
//  • one database transaction: transfer row, both balances, the ledger
//    entries and the audit event commit together or not at all;
//  • strong customer authentication (PSD2 RTS, ADR 017): a payment to a payee
//    either consumes a TransferAuthorisation bound to exactly this transfer, or
//    fits the low-value exemption counted since the session's last strong
//    authentication — decided inside the same (serializable) transaction, so
//    parallel requests cannot share one allowance. Own-account transfers are
//    exempt (Art. 15). Every rejection is audited.
//  • an account whose email is not verified (ADR 045) sends nothing.
import type { Db } from '../db/client';
import { isUniqueViolation, isWriteConflict } from '../db/errors';
import { formatMoney, MAX_TRANSFER_MINOR } from '../banking/money';
import { DEFAULT_SCA_POLICY, isLowValueExempt, type ExemptionUsage, type ScaPolicy } from '../banking/sca-policy';
import {
  MEMO_MAX_LENGTH,
  type ScaBasis,
  type TransferOutcome,
  type TransferRecord,
  type TransferRejection,
  type TransferRequest,
} from '../banking/transfer';
import type { AuthorisedPayment } from '../banking/transfer-authorisation';
import { recordAuditEvent } from './audit';
import { consumeTransferAuthorisation } from './transfer-authorisations';

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
class AuthorisationRequired extends Error {}

/** Why an unverified account's transfer was refused, and what to do. */
export const EMAIL_UNVERIFIED = 'Verify your email address before sending money: open the link we emailed you, or ask for a new one on your profile.';

const reject = (reason: TransferRejection, message: string): TransferOutcome => ({ status: 'rejected', reason, message });

/** SERIALIZABLE transactions that PostgreSQL aborts for a concurrent twin are run again, this often. */
const WRITE_CONFLICT_ATTEMPTS = 5;

/** Low-value exempt payments of this user (any session) since `since`. */
async function lowValueUsage(tx: Pick<Db, 'transfer'>, userId: string, since: Date): Promise<ExemptionUsage> {
  const { _count, _sum } = await tx.transfer.aggregate({
    where: { userId, scaExemption: 'low-value', createdAt: { gte: since } },
    _count: { _all: true },
    _sum: { amountMinor: true },
  });
  return { count: _count._all, sumMinor: _sum.amountMinor ?? 0 };
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

/**
 * Sends a transfer for `request.userId`. The audit event of a sent transfer
 * commits with it; a refused one is recorded as `transfer.rejected`.
 */
export async function createTransfer(db: Db, request: TransferRequest, policy: ScaPolicy = DEFAULT_SCA_POLICY): Promise<TransferOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await attemptTransfer(db, request, policy);
      if (outcome.status === 'rejected') await auditRejection(db, request, outcome.reason);
      return outcome;
    } catch (error) {
      if (!isWriteConflict(error) || attempt >= WRITE_CONFLICT_ATTEMPTS) throw error;
    }
  }
}

async function auditRejection(db: Db, request: TransferRequest, reason: TransferRejection): Promise<void> {
  const { destination, actor } = request;
  await recordAuditEvent(db, {
    type: 'transfer.rejected',
    userId: request.userId,
    sessionId: actor.sessionId,
    ipAddress: actor.ipAddress,
    userAgent: actor.userAgent,
    detail: {
      reason,
      amountMinor: Number.isSafeInteger(request.amountMinor) ? request.amountMinor : null,
      to: destination.kind,
      // The ids asked for: a "not found" one may be a probe for someone else's account.
      fromAccountId: request.fromAccountId.slice(0, 64),
      destinationId: (destination.kind === 'account' ? destination.accountId : destination.payeeId).slice(0, 64),
    },
  });
}

async function attemptTransfer(db: Db, request: TransferRequest, policy: ScaPolicy): Promise<TransferOutcome> {
  const { userId, amountMinor, actor } = request;
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0 || amountMinor > MAX_TRANSFER_MINOR) {
    return reject('invalid-amount', 'Enter an amount greater than zero.');
  }
  if (request.memo !== null && request.memo.length > MEMO_MAX_LENGTH) {
    return reject('invalid-memo', `Keep the reference to ${MEMO_MAX_LENGTH} characters or fewer.`);
  }

  // An account that has not proven its address (a sign-up not yet verified, ADR 045) moves no money.
  const owner = await db.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  if (!owner?.emailVerifiedAt) return reject('email-unverified', EMAIL_UNVERIFIED);

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

  // Not the authoritative check (the guarded debit is): it spares a step-up for a payment that would bounce.
  if (from.balanceMinor < amountMinor) return insufficientFunds(db, from);

  const now = request.now ?? new Date();
  const toName = toAccount?.name ?? payee!.name;
  const toCard = toAccount?.kind === 'card';
  const category = toCard ? 'Card payment' : 'Transfers';
  const payment: AuthorisedPayment = {
    userId,
    idempotencyKey: request.idempotencyKey,
    fromAccountId: from.id,
    destination,
    amountMinor,
    currency: from.currency,
  };

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
          scaExemption: toAccount ? 'own-accounts' : null,
          createdAt: now,
        },
        select: transferSelect,
      });

      // Strong customer authentication for a payment leaving the user's accounts.
      let sca: ScaBasis = 'own-accounts';
      if (payee) {
        if (await consumeTransferAuthorisation(tx, { ...payment, sessionId: actor.sessionId, transferId: created.id }, now)) {
          sca = 'authorised';
        } else if (isLowValueExempt(payment, await lowValueUsage(tx, userId, actor.authenticatedAt), policy)) {
          sca = 'low-value';
          await tx.transfer.update({ where: { id: created.id }, data: { scaExemption: 'low-value' } });
        } else {
          throw new AuthorisationRequired();
        }
      }

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
      await recordAuditEvent(tx, {
        type: 'transfer.created',
        userId,
        sessionId: actor.sessionId,
        ipAddress: actor.ipAddress,
        userAgent: actor.userAgent,
        detail: { transferId: created.id, amountMinor, currency: from.currency, to: destination.kind, sca },
      });
      return created;
    }, payee ? { isolationLevel: 'Serializable' } : undefined);
    return { status: 'created', transfer };
  } catch (error) {
    if (error instanceof InsufficientFunds) return insufficientFunds(db, from);
    if (error instanceof AuthorisationRequired) return { status: 'authorisation-required', payment };
    if (isUniqueViolation(error)) {
      const replayed = await replayOf(db, request);
      if (replayed) return replayed;
    }
    throw error;
  }
}

async function insufficientFunds(db: Db, from: { id: string; userId: string; name: string; currency: string }): Promise<TransferOutcome> {
  const current = await db.bankAccount.findFirst({ where: { id: from.id, userId: from.userId }, select: { balanceMinor: true } });
  const available = formatMoney(Math.max(current?.balanceMinor ?? 0, 0), from.currency);
  return reject('insufficient-funds', `Not enough money in ${from.name}: ${available} is available. Nothing was sent.`);
}
