import 'server-only';
// Deleting an account (ADR 046), in one guarded transaction: the User row stays
// as a tombstone — no address, name, password or factors, disabled — so audit
// events keep a user id that points at "a deleted account" and a request racing
// with the deletion finds a disabled owner (signed out, ADR 044) rather than a
// missing row (a foreign-key error). Everything else the user owned is deleted.
import { db } from '../db';

/** The address a deleted account has instead of its own: unique, and never deliverable (.invalid, RFC 2606). */
export const tombstoneEmail = (userId: string) => `deleted-${userId}@deleted.invalid`;

/**
 * The account's address before deletion, or null when it was already deleted
 * (a second, racing request: it changes nothing). `unusableHash`: a password
 * hash of a random secret nobody knows, so a sign-in attempt costs the same.
 */
export async function deleteAccountData(userId: string, unusableHash: string, now: Date): Promise<{ email: string } | null> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, deletedAt: true } });
    if (!user || user.deletedAt) return null;
    const { count } = await tx.user.updateMany({
      where: { id: userId, deletedAt: null },
      data: {
        email: tombstoneEmail(userId),
        name: 'Deleted account',
        passwordHash: unusableHash,
        passwordChangedAt: now, // ends pending logins and device proofs
        totpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        disabledAt: now, // the session read signs out every session of a disabled owner
        deletedAt: now,
      },
    });
    if (count !== 1) return null;
    const mine = { where: { userId } };
    await tx.recoveryCode.deleteMany(mine);
    await tx.passkey.deleteMany(mine);
    await tx.passkeyChallenge.deleteMany(mine);
    await tx.externalIdentity.deleteMany(mine);
    await tx.pendingSsoLink.deleteMany(mine);
    await tx.emailToken.deleteMany(mine);
    // demo-bank:begin
    // The demo bank's rows go too (no retention duty in a demo): its transfers only ever move money between
    // the user's own accounts or to payees (IBANs), so no other user's records are touched.
    await tx.transferAuthorisation.deleteMany(mine);
    await tx.transfer.deleteMany(mine);
    await tx.bankAccount.deleteMany(mine); // their transactions cascade
    await tx.payee.deleteMany(mine);
    // demo-bank:end
    return { email: user.email };
  });
}
