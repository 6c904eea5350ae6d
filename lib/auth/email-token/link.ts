import 'server-only';
// Issuing and redeeming a mailed link, the same way for every purpose: at most
// a few links per user per window (silently: the requester never learns it),
// the link built on the configured origin (never the request's Host header, so
// a forged Host cannot put its own domain in a mail), and a token accepted only
// for its own purpose, unused, unexpired, with the right secret, and while the
// account still has the address it had when the link was issued (for an email
// change, the link goes to the new address but is bound to the current one).
import { countEmailTokensSince, findEmailToken, issueEmailToken, type EmailTokenPurpose, type StoredEmailToken } from '../../dal/email-tokens';
import { emailTokenSecretMatches, newEmailToken, parseEmailToken } from './token';

export type EmailLinkRequest = {
  purpose: EmailTokenPurpose;
  user: { id: string; email: string };
  /** An email change's target address (the link is mailed there, ADR 046). */
  newEmail?: string;
  /** The configured origin and the path the link opens, e.g. "/reset-password". */
  origin: string;
  path: string;
  ttlMs: number;
  /** At most this many links of this purpose per user per window. */
  limit: { count: number; windowMs: number };
  now: Date;
};

/** The link to mail, or null when this user has had `limit.count` links of this purpose in the window. */
export async function issueEmailLink(request: EmailLinkRequest): Promise<string | null> {
  const { purpose, user, now } = request;
  if ((await countEmailTokensSince(user.id, purpose, new Date(now.getTime() - request.limit.windowMs))) >= request.limit.count) return null;
  const token = newEmailToken();
  await issueEmailToken({ id: token.id, userId: user.id, purpose, email: user.email, newEmail: request.newEmail, secretHash: token.secretHash, expiresAt: new Date(now.getTime() + request.ttlMs), now });
  return `${request.origin}${request.path}?token=${token.value}`;
}

/** The stored token behind `value` if it may still be used for `purpose`; anything else is undefined, alike. */
export async function redeemableEmailToken(value: string | undefined, purpose: EmailTokenPurpose, now: Date): Promise<StoredEmailToken | undefined> {
  const parsed = parseEmailToken(value);
  if (!parsed) return undefined;
  const row = await findEmailToken(parsed.id);
  if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt <= now || row.email !== row.userEmail) return undefined;
  return emailTokenSecretMatches(parsed.secret, row.secretHash) ? row : undefined;
}
