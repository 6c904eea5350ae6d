// Saved payees: adding one is a sensitive action (a new place money can go —
// PSD2 RTS Art. 13 asks for a strong authentication when the list changes; the
// caller requires a fresh one). Every change is an audit event written in the
// same database transaction as the change, so the security log never misses one.
// Framework-free (tested beside it).
import type { Db } from '../db/client';
import { recordAuditEvent } from '../audit';
import { isUniqueViolation } from '../db/errors';
import { isValidIban, normaliseIban } from '../iban';
import type { TransferActor } from './transfer';

export const PAYEE_NAME_MAX_LENGTH = 70; // SEPA creditor name

export type PayeeFormValues = { name: string; iban: string };
export type PayeeFormErrors = Partial<Record<'name' | 'iban' | 'form', string>>;
export type ParsedPayeeForm = { ok: true; name: string; iban: string } | { ok: false; errors: PayeeFormErrors };

type Actor = Pick<TransferActor, 'sessionId' | 'ipAddress' | 'userAgent'>;

/** Untrusted input (FormData) → bounded strings. */
export function readPayeeFormValues(source: unknown): PayeeFormValues {
  const pick = (name: string, max: number) => {
    // A crafted Server Action call can pass anything as the "form" (null, a number): it reads as empty.
    const value = hasGetter(source) ? source.get(name) : undefined;
    return typeof value === 'string' ? value.slice(0, max) : '';
  };
  return { name: pick('name', 200), iban: pick('iban', 80) };
}

export function parsePayeeForm(values: PayeeFormValues): ParsedPayeeForm {
  const errors: PayeeFormErrors = {};
  const name = values.name.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!name) errors.name = 'Enter the payee’s name.';
  else if (name.length > PAYEE_NAME_MAX_LENGTH) errors.name = `Keep the name to ${PAYEE_NAME_MAX_LENGTH} characters or fewer.`;
  const iban = normaliseIban(values.iban);
  if (!iban) errors.iban = 'Enter the payee’s IBAN.';
  else if (!isValidIban(iban)) errors.iban = 'This is not a valid IBAN. Check it for typos.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, name, iban };
}

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

/** Only real forms: a decoded argument's own `get` could be anything (even another Server Action). */
function hasGetter(source: unknown): source is FormData | URLSearchParams {
  return source instanceof FormData || source instanceof URLSearchParams;
}
