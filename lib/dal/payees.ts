import 'server-only';
// Saved payees: adding one is a sensitive action (a new place money can go —
// PSD2 RTS Art. 13 asks for a strong authentication when the list changes; the
// caller requires a fresh one). Every change is an audit event written in the
// same database transaction as the change, so the security log never misses one.
// addPayee and removePayee take the client (tested against a real database beside
// them); the rest is the signed-in user's view of them.
import { db as appDb, type Db } from '../db';
import { isUniqueViolation } from '../db/errors';
import type { TransferActor } from '../banking/transfer';
import type { RequestContext, Session } from '../session';
import { recordAuditEvent } from './audit';

type Actor = Pick<TransferActor, 'sessionId' | 'ipAddress' | 'userAgent'>;

export type AddPayeeOutcome = { status: 'added'; payee: { id: string; name: string; iban: string } } | { status: 'duplicate' };

export async function addPayee(db: Db, request: { userId: string; name: string; iban: string; actor: Actor }): Promise<AddPayeeOutcome> {
  try {
    const payee = await db.$transaction(async (tx) => {
      const created = await tx.payee.create({
        data: { userId: request.userId, name: request.name, iban: request.iban },
        select: { id: true, name: true, iban: true },
      });
      await recordAuditEvent(tx, {
        type: 'payee.added',
        userId: request.userId,
        sessionId: request.actor.sessionId,
        ipAddress: request.actor.ipAddress,
        userAgent: request.actor.userAgent,
        detail: { payeeId: created.id, name: created.name, ibanEnd: created.iban.slice(-4) },
      });
      return created;
    });
    return { status: 'added', payee };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error; // (userId, iban) is unique
    await recordAuditEvent(db, {
      type: 'payee.change_rejected',
      userId: request.userId,
      sessionId: request.actor.sessionId,
      ipAddress: request.actor.ipAddress,
      userAgent: request.actor.userAgent,
      detail: { reason: 'duplicate', action: 'add', ibanEnd: request.iban.slice(-4) },
    });
    return { status: 'duplicate' };
  }
}

export type RemovePayeeOutcome = { status: 'removed'; name: string } | { status: 'not-found' };

/** Another user's payee id is "not found", like one that never existed. */
export async function removePayee(db: Db, request: { userId: string; payeeId: string; actor: Actor }): Promise<RemovePayeeOutcome> {
  return db.$transaction(async (tx) => {
    const payee = await tx.payee.findFirst({ where: { id: request.payeeId, userId: request.userId }, select: { id: true, name: true, iban: true } });
    const { count } = payee ? await tx.payee.deleteMany({ where: { id: payee.id, userId: request.userId } }) : { count: 0 };
    await recordAuditEvent(tx, {
      type: count === 1 ? 'payee.removed' : 'payee.change_rejected',
      userId: request.userId,
      sessionId: request.actor.sessionId,
      ipAddress: request.actor.ipAddress,
      userAgent: request.actor.userAgent,
      detail:
        count === 1 && payee
          ? { payeeId: payee.id, name: payee.name, ibanEnd: payee.iban.slice(-4) }
          : { reason: 'not-found', action: 'remove', payeeId: request.payeeId.slice(0, 64) },
    });
    return count === 1 && payee ? { status: 'removed', name: payee.name } : { status: 'not-found' };
  });
}

type SessionActor = { session: Pick<Session, 'id'>; context: RequestContext };

const auditActor = (actor: SessionActor) => ({ sessionId: actor.session.id, ...actor.context });

export type PayeeListItem = { id: string; name: string; iban: string; createdAt: Date };

export async function fetchPayees(userId: string): Promise<PayeeListItem[]> {
  return appDb.payee.findMany({ where: { userId }, select: { id: true, name: true, iban: true, createdAt: true }, orderBy: { name: 'asc' } });
}

/** Call only after requireFreshAuth(): adding a payee is a sensitive action. */
export async function savePayee(userId: string, payee: { name: string; iban: string }, actor: SessionActor): Promise<AddPayeeOutcome> {
  return addPayee(appDb, { userId, ...payee, actor: auditActor(actor) });
}

export async function deletePayee(userId: string, payeeId: string, actor: SessionActor): Promise<RemovePayeeOutcome> {
  return removePayee(appDb, { userId, payeeId, actor: auditActor(actor) });
}
