import 'server-only';
// "Invite" on /profile (ADR 045): a signed-in user invites an address. The
// same answer whatever the address (new, unverified, or somebody's verified
// account: a user learns nothing about other accounts from it); the account
// work and the mail happen after the response. Throttled twice: the
// per-address slot everyone's anonymous requests take, and at most
// MAX_INVITES_PER_USER invitations per user per hour.
import { countUserEventsSince } from '../../dal/sign-up';
import type { RequestContext } from '../../session';
import { normalizeEmail } from '../input';
import { takeAddressSlot } from '../sign-in';
import { mailInvitation } from './invitation';
import { emailAddressProblem, usersMayInvite, type SignUpMode } from './settings';

export const INVITATION_SENT = "Invitation sent. If that address can accept it, a link is on its way; it works once, for 24 hours.";
export const INVITATIONS_LIMITED = 'You have sent many invitations recently. Try again later.';
export const INVITATIONS_OFF = 'Invitations are turned off.';

export const MAX_INVITES_PER_USER = 10;
export const INVITES_WINDOW_MS = 60 * 60_000;

export type InviteResult = { status: 'sent' } | { status: 'limited' } | { status: 'off' } | { status: 'invalid'; message: string };

export async function inviteAddress(
  email: string,
  inviter: { userId: string },
  context: RequestContext,
  options: { mode: SignUpMode; origin: string; schedule: (work: () => Promise<void>) => void; now?: Date },
): Promise<InviteResult> {
  if (!usersMayInvite(options.mode)) return { status: 'off' };
  const now = options.now ?? new Date();
  const address = normalizeEmail(email);
  const problem = emailAddressProblem(address);
  if (problem) return { status: 'invalid', message: problem };
  // Counted from the inviter's own log ("invitation.sent" on their user id): the same for every address.
  if ((await countUserEventsSince(inviter.userId, 'invitation.sent', new Date(now.getTime() - INVITES_WINDOW_MS))) >= MAX_INVITES_PER_USER) {
    return { status: 'limited' };
  }
  if (!(await takeAddressSlot(context, now))) return { status: 'limited' };
  options.schedule(async () => {
    try {
      await mailInvitation(address, inviter, context, { origin: options.origin, now });
    } catch (error) {
      console.error('[invitation] inviting failed', error instanceof Error ? error.message : error);
    }
  });
  return { status: 'sent' };
}
