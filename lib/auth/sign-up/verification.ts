import 'server-only';
// Proving the mailbox of a new account (ADR 045): a verification link (an
// email token of purpose "email-verification"), used by the account's own
// signed-in session. Until then the account signs in but the bank moves no
// money for it.
import { recordSecurityEvent } from '../../dal/security-events';
import { consumeEmailToken } from '../../dal/email-tokens';
import { isEmailVerified, markEmailVerified } from '../../dal/sign-up';
import { sendMail, verifyEmailMail } from '../../mail';
import type { RequestContext } from '../../session';
import { issueEmailLink, redeemableEmailToken } from '../email-token/link';
import type { LinkCookie } from '../email-token/link-cookie';

export const VERIFY_LINK_TTL_MS = 24 * 3_600_000;
/** Verification mails one account receives per window at most (sign-up plus resends). */
export const MAX_VERIFY_LINKS_PER_WINDOW = 3;
export const VERIFY_LINK_WINDOW_MS = 15 * 60_000;

export const VERIFY_COOKIE: LinkCookie = { name: '__Host-email-verification', ttlMs: VERIFY_LINK_TTL_MS, page: '/verify-email/confirm' };
export const VERIFY_LINK_INVALID = 'This verification link has expired or has already been used. Sign in and ask for a new one on your profile.';
export const VERIFY_OTHER_ACCOUNT = 'This link verifies another account’s email address. Sign out, then sign in to the account that signed up with it.';

type Mailbox = { id: string; email: string };

/** A new verification link for `user`, or null when this account had its share of them in the window. */
export function issueVerificationLink(user: Mailbox, origin: string, now: Date): Promise<string | null> {
  return issueEmailLink({
    purpose: 'email-verification',
    user,
    origin,
    path: '/verify-email',
    ttlMs: VERIFY_LINK_TTL_MS,
    limit: { count: MAX_VERIFY_LINKS_PER_WINDOW, windowMs: VERIFY_LINK_WINDOW_MS },
    now,
  });
}

/** Audits the link (or that none was issued) and mails it. */
export async function mailVerificationLink(user: Mailbox, link: string | null, context: RequestContext): Promise<void> {
  await recordSecurityEvent({ type: 'email.verification_sent', userId: user.id, ...context, detail: link ? { mailed: true } : { mailed: false, reason: 'too-many' } });
  if (link) await sendMail(user.email, verifyEmailMail({ link, validHours: VERIFY_LINK_TTL_MS / 3_600_000 }));
}

/**
 * What the confirm page shows for this link. The link proves the mailbox; the
 * account's own session proves its password: a mailbox owner who never signed
 * up (someone else did, with their address) cannot be made to verify a
 * stranger's account by opening the link. 'sign-in': no session yet;
 * 'other-account': signed in, but as someone else.
 */
export type VerificationLinkState = 'valid' | 'invalid' | 'sign-in' | 'other-account';

export async function inspectVerificationLink(value: string | undefined, signedInUserId: string | undefined, now: Date = new Date()): Promise<VerificationLinkState> {
  const token = await redeemableEmailToken(value, 'email-verification', now);
  if (!token) return 'invalid';
  if (signedInUserId === undefined) return 'sign-in';
  return token.userId === signedInUserId ? 'valid' : 'other-account';
}

/** Spends the link and marks the address verified, for the signed-in owner only; anything else changes nothing. */
export async function verifyEmail(
  value: string | undefined,
  signedInUserId: string,
  context: RequestContext,
  now: Date = new Date(),
): Promise<{ status: 'verified' } | { status: 'invalid-link' } | { status: 'other-account' }> {
  const token = await redeemableEmailToken(value, 'email-verification', now);
  if (!token) return { status: 'invalid-link' };
  if (token.userId !== signedInUserId) return { status: 'other-account' };
  if (!(await consumeEmailToken(token.id, 'email-verification', now))) return { status: 'invalid-link' };
  if (await markEmailVerified(token.userId, now)) {
    await recordSecurityEvent({ type: 'email.verified', userId: token.userId, ...context, detail: { via: 'link' } });
  }
  return { status: 'verified' };
}

export type ResendResult = { status: 'sent' } | { status: 'already-verified' } | { status: 'limited' };

/** "Send the link again", for the signed-in owner of an unverified account (their own account: no secret to keep). */
export async function resendVerification(
  user: Mailbox,
  context: RequestContext,
  options: { origin: string; schedule: (work: () => Promise<void>) => void; now?: Date },
): Promise<ResendResult> {
  const now = options.now ?? new Date();
  if (await isEmailVerified(user.id)) return { status: 'already-verified' };
  const link = await issueVerificationLink(user, options.origin, now);
  options.schedule(() => mailVerificationLink(user, link, context));
  return link ? { status: 'sent' } : { status: 'limited' };
}
