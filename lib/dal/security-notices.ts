import 'server-only';
// When each kind of security notice was last mailed to a user (ADR 047). A
// notice goes out only to the request that claims its kind's slot: a guarded
// update of a row older than the window, or the row's creation — so of many
// events (or instances) within one window exactly one mails.
import { db } from '../db';
import { isUniqueViolation } from '../db/errors';

/** True when this caller may mail `kind` to the user now (and the window starts again); false within the window. */
export async function claimSecurityNotice(userId: string, kind: string, now: Date, windowMs: number): Promise<boolean> {
  const { count } = await db.securityNotice.updateMany({ where: { userId, kind, sentAt: { lte: new Date(now.getTime() - windowMs) } }, data: { sentAt: now } });
  if (count === 1) return true;
  try {
    await db.securityNotice.create({ data: { userId, kind, sentAt: now } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false; // mailed within the window, or a parallel event claimed it
    throw error;
  }
}

/** The address a user's notices go to; null once the account is gone. */
export async function findNoticeRecipient(userId: string): Promise<string | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  return user?.email ?? null;
}
