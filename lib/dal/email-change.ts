import 'server-only';
// The email change's own queries (ADR 046); its link is an email token
// (lib/dal/email-tokens.ts). The rules around them are lib/auth/email-change.
import { db } from '../db';
import { isUniqueViolation } from '../db/errors';
import { consumeEmailToken } from './email-tokens';

/** Whether some account (any, the requester's own included) signs in with this address. */
export async function isAddressTaken(email: string): Promise<boolean> {
  return (await db.user.count({ where: { email } })) > 0;
}

export type EmailChangeOutcome = 'changed' | 'spent' | 'taken';

/**
 * Spends the link (a guarded update: of two racing requests one wins), then
 * moves the account from `from` to `to` (guarded on `from`, and on the account
 * being neither disabled nor deleted: a link issued before another change
 * completed does nothing). An address another account took meanwhile is refused
 * by the unique index: 'taken', the link spent. Two statements, no transaction:
 * a spent link that changed nothing is only a link to ask for again. The link
 * reached the new address, so the new address counts as verified (ADR 045).
 */
export async function applyEmailChange(change: { tokenId: string; userId: string; from: string; to: string; now: Date }): Promise<EmailChangeOutcome> {
  const { tokenId, userId, from, to, now } = change;
  if (!(await consumeEmailToken(tokenId, 'email-change', now))) return 'spent';
  try {
    const user = await db.user.updateMany({ where: { id: userId, email: from, disabledAt: null, deletedAt: null }, data: { email: to, emailVerifiedAt: now } });
    return user.count === 1 ? 'changed' : 'spent';
  } catch (error) {
    if (isUniqueViolation(error)) return 'taken';
    throw error;
  }
}
