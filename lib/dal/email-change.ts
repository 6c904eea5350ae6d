import 'server-only';
// The email change's own queries (ADR 046); its link is an email token
// (lib/dal/email-tokens.ts). The rules around them are lib/auth/email-change.
import { db } from '../db';
import { isUniqueViolation } from '../db/errors';

/** Whether some account (any, the requester's own included) signs in with this address. */
export async function isAddressTaken(email: string): Promise<boolean> {
  return (await db.user.count({ where: { email } })) > 0;
}

export type EmailChangeOutcome = 'changed' | 'spent' | 'taken';

const SPENT = new Error('email change link spent');

/**
 * In one transaction: spend the link (guarded: of two racing requests one wins)
 * and move the account from `from` to `to` (guarded on `from`: a link issued
 * before another change completed does nothing). An address another account
 * took meanwhile is refused by the unique index: both writes roll back, 'taken'.
 */
export async function applyEmailChange(change: { tokenId: string; userId: string; from: string; to: string; now: Date }): Promise<EmailChangeOutcome> {
  const { tokenId, userId, from, to, now } = change;
  try {
    await db.$transaction(async (tx) => {
      const token = await tx.emailToken.updateMany({ where: { id: tokenId, purpose: 'email-change', usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
      if (token.count !== 1) throw SPENT;
      const user = await tx.user.updateMany({ where: { id: userId, email: from, deletedAt: null }, data: { email: to } });
      if (user.count !== 1) throw SPENT;
    });
    return 'changed';
  } catch (error) {
    if (error === SPENT) return 'spent';
    if (isUniqueViolation(error)) return 'taken';
    throw error;
  }
}
