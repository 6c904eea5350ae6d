import 'server-only';
// Asking to change the sign-in address (ADR 046). The signed-in owner, freshly
// stepped up with her strongest factor, names a new address; nothing changes
// until the link mailed there is opened. The answer is the same whether the
// address is free or already another account's: everything that depends on it
// (the lookup, the token, the mail) runs after the response (`schedule`). A free
// address gets the link; a taken one gets a notice instead (its owner learns of
// the attempt; the requester's change can never complete). Either way a token
// is issued, so the per-user mail limit and the superseding of older links
// behave alike.
import { isAddressTaken } from '../../dal/email-change';
import { recordSecurityEvent } from '../../dal/security-events';
import { emailChangeAddressInUseMail, emailChangeConfirmMail, sendMail } from '../../mail';
import type { RequestContext } from '../../session';
import { issueEmailLink } from '../email-token';
import { normalizeEmail } from '../input';
import { hasStrongestFreshAuth, type StepUpEvidence } from '../step-up';

/** How long a confirmation link works. */
export const EMAIL_CHANGE_TTL_MS = 60 * 60_000;
/** Confirmation mails per account per window at most (silently). */
export const MAX_CHANGE_LINKS_PER_WINDOW = 3;
export const CHANGE_LINK_WINDOW_MS = 60 * 60_000;

/** The one answer to a change request, whoever the address belongs to. */
export const emailChangeRequested = (address: string) =>
  `We've emailed a confirmation link to ${address}. Your sign-in address changes only when that link is opened, within 60 minutes.`;
export const EMAIL_INVALID = 'Enter an email address like name@example.com.';
export const EMAIL_UNCHANGED = 'That is already your sign-in address.';

export type Schedule = (work: () => Promise<void>) => void;

export type EmailChangeRequest =
  | { status: 'requested'; message: string }
  | { status: 'invalid'; message: string }
  /** No fresh step-up with the strongest factor: nothing was done. */
  | { status: 'step-up' };

/** Loose on purpose: the confirmation mail is the real check. One @, a dot in the domain, no spaces, at most 254 characters. */
export function isPlausibleEmail(email: string): boolean {
  return email.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email);
}

export async function requestEmailChange(
  current: StepUpEvidence & { user: { id: string; email: string } },
  newEmail: string,
  context: RequestContext,
  options: { origin: string; schedule: Schedule; now?: Date },
): Promise<EmailChangeRequest> {
  const now = options.now ?? new Date();
  if (!hasStrongestFreshAuth(current, now)) return { status: 'step-up' };
  const address = normalizeEmail(newEmail);
  if (!isPlausibleEmail(address)) return { status: 'invalid', message: EMAIL_INVALID };
  if (address === current.user.email) return { status: 'invalid', message: EMAIL_UNCHANGED };
  const user = { id: current.user.id, email: current.user.email };
  options.schedule(() => mailChangeLink(user, address, context, options.origin, now));
  return { status: 'requested', message: emailChangeRequested(address) };
}

/** After the response: the token, and the link (or, for a taken address, the notice). Never throws. */
async function mailChangeLink(user: { id: string; email: string }, address: string, context: RequestContext, origin: string, now: Date): Promise<void> {
  try {
    const link = await issueEmailLink({
      purpose: 'email-change',
      user,
      newEmail: address,
      origin,
      path: '/confirm-email',
      ttlMs: EMAIL_CHANGE_TTL_MS,
      limit: { count: MAX_CHANGE_LINKS_PER_WINDOW, windowMs: CHANGE_LINK_WINDOW_MS },
      now,
    });
    // The owner sees this event in the security centre: it must not say whether the address was taken.
    await recordSecurityEvent({ type: 'email.change_requested', userId: user.id, ...context, detail: link ? { mailed: true } : { mailed: false, reason: 'too-many' } });
    if (!link) return;
    const taken = await isAddressTaken(address);
    await sendMail(address, taken ? emailChangeAddressInUseMail() : emailChangeConfirmMail({ link, validMinutes: EMAIL_CHANGE_TTL_MS / 60_000 }));
  } catch (error) {
    console.error('[email-change] issuing a confirmation link failed', error instanceof Error ? error.message : error);
  }
}
