import 'server-only';
// A passkey shown to be cloned is suspended (ADR 032): it is no longer a factor
// the account has — never offered, never accepted, not counted as a second
// factor — until its owner removes it. One filter for every query that asks.
import { db } from '../../db';
export const usablePasskeys = { suspendedAt: null } as const;

/** Whether the user has a passkey that counts as a second factor. */
export async function hasUsablePasskey(userId: string): Promise<boolean> {
  return (await db.passkey.count({ where: { userId, ...usablePasskeys } })) > 0;
}
