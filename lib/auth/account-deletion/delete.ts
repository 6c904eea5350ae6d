import 'server-only';
// Deleting one's own account (ADR 046): a fresh step-up with the strongest
// factor the user has (checked here again, not only by the page) and the
// account's address typed as confirmation. Then, in one guarded transaction,
// the account becomes a tombstone (lib/dal/account-deletion.ts) — disabled, so
// any request still carrying one of its cookies is signed out from that moment
// (the session read, ADR 044) — and every session is revoked, the deletion
// audited under the user id, and a last mail sent to the address it had.
import { randomBytes } from 'node:crypto';
import { deleteAccountData } from '../../dal/account-deletion';
import { accountDeletedMail, sendMail } from '../../mail';
import { sessionStore, type RequestContext } from '../../session';
import { normalizeEmail } from '../input';
import { hashPassword } from '../password';
import { audit } from '../sign-in';
import { hasStrongestFreshAuth, type StepUpEvidence } from '../step-up';

export const DELETE_CONFIRMATION_MISMATCH = 'To confirm, type your email address exactly as shown.';

export type Schedule = (work: () => Promise<void>) => void;

export type AccountDeletion =
  | { status: 'deleted'; revokedSessions: number }
  | { status: 'invalid'; message: string }
  /** No fresh step-up with the strongest factor: nothing was done. */
  | { status: 'step-up' }
  /** Already deleted by a racing request: nothing more was done. */
  | { status: 'gone' };

export async function deleteAccount(
  current: StepUpEvidence & { session: { id: string }; user: { id: string; email: string } },
  input: { confirmation: string },
  context: RequestContext,
  options: { schedule: Schedule; now?: Date },
): Promise<AccountDeletion> {
  const now = options.now ?? new Date();
  if (!hasStrongestFreshAuth(current, now)) return { status: 'step-up' };
  if (normalizeEmail(input.confirmation) !== current.user.email) return { status: 'invalid', message: DELETE_CONFIRMATION_MISMATCH };
  // A password nobody knows: the tombstone's sign-in check costs what any other does.
  const unusableHash = await hashPassword(randomBytes(32).toString('base64url'));
  const deleted = await deleteAccountData(current.user.id, unusableHash, now);
  if (!deleted) return { status: 'gone' };
  const revokedSessions = await sessionStore.invalidateUserSessions(current.user.id, 'account-deleted', { now, context });
  await audit({ type: 'account.deleted', userId: current.user.id, sessionId: current.session.id, ...context, detail: { revokedSessions } });
  options.schedule(async () => {
    await sendMail(deleted.email, accountDeletedMail({ when: now }));
  });
  return { status: 'deleted', revokedSessions };
}
