import 'server-only';
// Opening the confirmation link (ADR 046). The link proves the new mailbox; it
// needs no session (it is often opened on another device). It works once, for
// its purpose only, and only while the account still has the address it had
// when the link was issued. On success the link is spent (a guarded update)
// and the address changes (guarded on the old one); then every session of the user is revoked (the
// sign-in identifier changed: each device signs in again with the new address,
// including a thief's copy of a session), the change is audited and the old
// address told. Reset links mailed to the old address stop working by
// themselves: they are bound to it.
import { applyEmailChange } from '../../dal/email-change';
import { emailChangedMail, sendMail } from '../../mail';
import { sessionStore, type RequestContext } from '../../session';
import { redeemableEmailToken } from '../email-token';
import { audit } from '../sign-in';
import type { Schedule } from './request';

export const CHANGE_LINK_INVALID = 'This confirmation link has expired, has already been used, or was replaced by a newer one.';
export const CHANGE_ADDRESS_TAKEN = 'This address now belongs to another account, so your sign-in address was not changed.';

export type EmailChangeLinkState = { status: 'valid'; newEmail: string } | { status: 'invalid' };

export type EmailChangeConfirmation = { status: 'changed'; newEmail: string; revokedSessions: number } | { status: 'invalid-link' } | { status: 'taken' };

async function usableLink(value: string | undefined, now: Date) {
  const token = await redeemableEmailToken(value, 'email-change', now);
  return token?.newEmail ? { ...token, newEmail: token.newEmail } : undefined;
}

/** What the confirmation page shows for this link. */
export async function inspectEmailChangeLink(value: string | undefined, now: Date = new Date()): Promise<EmailChangeLinkState> {
  const link = await usableLink(value, now);
  return link ? { status: 'valid', newEmail: link.newEmail } : { status: 'invalid' };
}

export async function confirmEmailChange(value: string | undefined, context: RequestContext, options: { schedule: Schedule; now?: Date }): Promise<EmailChangeConfirmation> {
  const now = options.now ?? new Date();
  const link = await usableLink(value, now);
  if (!link) return { status: 'invalid-link' };
  const outcome = await applyEmailChange({ tokenId: link.id, userId: link.userId, from: link.userEmail, to: link.newEmail, now });
  if (outcome === 'spent') return { status: 'invalid-link' }; // another request with this link (or another change) won
  if (outcome === 'taken') return { status: 'taken' };
  const revokedSessions = await sessionStore.invalidateUserSessions(link.userId, 'email-changed', { now, context });
  await audit({ type: 'email.changed', userId: link.userId, ...context, detail: { revokedSessions } });
  const oldEmail = link.userEmail;
  options.schedule(async () => {
    await sendMail(oldEmail, emailChangedMail({ newEmail: link.newEmail, when: now }));
  });
  return { status: 'changed', newEmail: link.newEmail, revokedSessions };
}
