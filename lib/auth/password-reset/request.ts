import 'server-only';
// "Forgot password?": whatever the email, the requester gets the same page,
// status and timing (ADR 040). On the response path there is only the
// per-address throttle slot — the same statements for every email; finding the
// account, issuing the token and mailing it happen after the response
// (`schedule`), so neither the database work nor the SMTP round trip of a real
// account shows in the timing. Nothing here counts against an account: asking
// for someone's reset mails locks nobody out; at most MAX_LINKS_PER_WINDOW
// mails go to one account per window, silently.
import { findResetAccount } from '../../dal/password-reset';
import { recordSecurityEvent } from '../../dal/security-events';
import { passwordResetMail, sendMail } from '../../mail';
import type { RequestContext } from '../../session';
import { normalizeEmail } from '../input';
import { issueEmailLink } from '../email-token';
import { takeAddressSlot } from '../sign-in';
import type { Schedule } from '../notify';

/** How long a reset link works. */
export const RESET_LINK_TTL_MS = 30 * 60_000;
/** Mails one account receives per window at most, however often it is asked for. */
export const MAX_LINKS_PER_WINDOW = 3;
export const LINK_WINDOW_MS = 15 * 60_000;

/** The one answer to a reset request, for every email. */
export const RESET_REQUESTED =
  "If an account exists for that address, we've emailed a link to reset its password. The link works once, for 30 minutes. Check your inbox (and your spam folder).";
/** The answer when this address asked too often (the same for every email). */
export const RESET_REQUEST_LIMITED = 'Too many requests from your network. Try again later.';

export type { Schedule } from '../notify';

export async function requestPasswordReset(
  email: string,
  context: RequestContext,
  options: { origin: string; schedule: Schedule; now?: Date },
): Promise<{ status: 'requested' } | { status: 'limited' }> {
  const now = options.now ?? new Date();
  if (!(await takeAddressSlot(context, now))) return { status: 'limited' };
  const normalized = normalizeEmail(email);
  options.schedule(() => mailResetLink(normalized, context, options.origin, now));
  return { status: 'requested' };
}

/** After the response: the token and the mail, if the email has an account. Never throws. */
async function mailResetLink(email: string, context: RequestContext, origin: string, now: Date): Promise<void> {
  try {
    const account = await findResetAccount(email);
    if (!account) return;
    const link = await issueEmailLink({
      purpose: 'password-reset',
      user: account,
      origin,
      path: '/reset-password',
      ttlMs: RESET_LINK_TTL_MS,
      limit: { count: MAX_LINKS_PER_WINDOW, windowMs: LINK_WINDOW_MS },
      now,
    });
    await recordSecurityEvent({ type: 'password.reset_requested', userId: account.id, ...context, detail: link ? { mailed: true } : { mailed: false, reason: 'too-many' } });
    if (link) await sendMail(account.email, passwordResetMail({ link, validMinutes: RESET_LINK_TTL_MS / 60_000 }));
  } catch (error) {
    console.error('[password-reset] issuing a reset link failed', error instanceof Error ? error.message : error);
  }
}
