import 'server-only';
// Invitations (ADR 045): a signed-in user (invite-request.ts) or the operator
// (`npm run users:create`) invites an address. The link is an email token of
// purpose "invitation" bound to an account row for that address: a new one,
// unverified, with a random password nobody knows (so signing in to it fails
// exactly like a wrong password), or an existing account that never proved its
// address. Accepting sets the name and password, marks the address verified
// (the link proves the mailbox) and ends any session of the account (a sign-up
// by someone else with this address loses it). An address whose account is
// verified gets nothing: the inviter's answer is the same either way.
import { randomBytes } from 'node:crypto';
import { recordSecurityEvent } from '../../dal/security-events';
import { createUnverifiedUser, findSignUpAccount } from '../../dal/sign-up';
import { invitationMail, sendMail } from '../../mail';
import type { RequestContext } from '../../session';
import { issueEmailLink } from '../email-token/link';
import { normalizeEmail } from '../input';
import { hashPassword } from '../password';

export const INVITATION_TTL_MS = 24 * 3_600_000;
/** Invitation mails one address receives per window at most, whoever invites. */
export const MAX_INVITATIONS_PER_WINDOW = 3;
export const INVITATION_WINDOW_MS = 15 * 60_000;

/** 'not-delivered': the SMTP server refused or was unreachable (the link is issued; a new one supersedes it). */
export type InvitationOutcome = 'mailed' | 'has-account' | 'too-many' | 'not-delivered';

/** Who invites: a signed-in user (their id goes to their own log) or the operator's script. */
export type Inviter = { userId: string } | { operator: true };

/** Mails an invitation to `email` if it may have one. What happened is the operator's to know, never a user's. */
export async function mailInvitation(email: string, inviter: Inviter, context: RequestContext, options: { origin: string; now: Date }): Promise<InvitationOutcome> {
  const address = normalizeEmail(email);
  const { now } = options;
  let account = await findSignUpAccount(address);
  if (!account) {
    // A password nobody knows, hashed like any other: the row signs in to nothing until accepted.
    const placeholder = await hashPassword(randomBytes(32).toString('base64url'));
    account = (await createUnverifiedUser({ email: address, name: address.split('@')[0]!.slice(0, 100), passwordHash: placeholder, now })) ?? (await findSignUpAccount(address));
  }
  if (!account) return 'has-account'; // created and gone in the same moment: nothing to invite
  const outcome: InvitationOutcome = account.emailVerifiedAt ? 'has-account' : await mailLink(account, options.origin, now);
  // On a user's own log the event is the same whatever happened: it must not tell them about someone else's account.
  const detail: Record<string, string> = 'userId' in inviter ? { invitedBy: 'user' } : { invitedBy: 'operator', outcome };
  await recordSecurityEvent({ type: 'invitation.sent', userId: 'userId' in inviter ? inviter.userId : null, ...context, detail });
  return outcome;
}

async function mailLink(account: { id: string; email: string }, origin: string, now: Date): Promise<InvitationOutcome> {
  const link = await issueEmailLink({
    purpose: 'invitation',
    user: account,
    origin,
    path: '/accept-invitation',
    ttlMs: INVITATION_TTL_MS,
    limit: { count: MAX_INVITATIONS_PER_WINDOW, windowMs: INVITATION_WINDOW_MS },
    now,
  });
  if (!link) return 'too-many';
  return (await sendMail(account.email, invitationMail({ link, validHours: INVITATION_TTL_MS / 3_600_000 }))) ? 'mailed' : 'not-delivered';
}
