// A pending SSO link (docs/decisions/032-sso-links-and-anonymous-writes.md,
// replacing the "sign-in completes it" part of 020): an identity whose verified
// email matched a user. A PendingSsoLink row, bound to the matched user, found
// through a random token that only this browser holds (its cookie); the database
// keeps SHA-256(token), so a copy of the table cannot complete anyone's link.
//
// Three steps, none of which links by itself:
//  1. create — the SSO callback; nobody is signed in.
//  2. arm — the matched user's full password sign-in in this browser records the
//     session it created (anyone else's sign-in, or an SSO one, drops the row).
//  3. confirm — the "Link this identity" button, in that very session, on a page
//     that names the identity. Single use: it deletes the row, one delete wins.
// The rows are lib/dal/pending-sso-links.ts's; tested against a real database.
import { createHash, randomBytes } from 'node:crypto';
import * as rows from '../../../dal/pending-sso-links.ts';
import { createSsoLink } from '../../../dal/sso-links.ts';
import type { RequestContext } from '../../../http/request-context.ts';
import type { SsoIdentity } from '../identity.ts';

/** Long enough for the password form, the code step and the confirmation; short enough that a planted one fades. */
export const PENDING_SSO_LINK_TTL_MS = 10 * 60_000;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/; // 32 random bytes, base64url

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export type PendingSsoIdentity = Pick<SsoIdentity, 'issuer' | 'subject' | 'name'> & { email: string };

export type PendingSsoLinkView = PendingSsoIdentity & { userId: string; sessionId: string | null; expiresAt: Date };

/** Stores a pending link for `userId`; returns the token for the browser's cookie. */
export async function createPendingSsoLink(
  input: { userId: string; identity: PendingSsoIdentity },
  now: Date = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const { issuer, subject, email, name } = input.identity;
  await rows.createPendingSsoLink(hashToken(token), { userId: input.userId, issuer, subject, email, name, expiresAt: new Date(now.getTime() + PENDING_SSO_LINK_TTL_MS) }, now);
  return token;
}

/** The unexpired pending link behind `token`, without consuming it. */
export async function findPendingSsoLink(token: string | undefined, now: Date = new Date()): Promise<PendingSsoLinkView | undefined> {
  if (!token || !TOKEN_SHAPE.test(token)) return undefined;
  const row = await rows.fetchPendingSsoLink(hashToken(token));
  return row && row.expiresAt > now ? row : undefined;
}

/** Deletes the pending link behind `token` (cancel, decline, a sign-in that is not consent). True if this call deleted it. */
export async function deletePendingSsoLink(token: string | undefined): Promise<boolean> {
  if (!token || !TOKEN_SHAPE.test(token)) return false;
  return rows.deletePendingSsoLink(hashToken(token));
}

export type PendingSsoLinkArming =
  | { status: 'none' }
  /** The matched user signed in with their password: the session may now confirm (or decline) the link. */
  | { status: 'awaiting-confirmation' }
  /** A sign-in that does not prove the matched user's consent: the pending link is dropped. */
  | { status: 'discarded'; reason: 'other-user' | 'not-password' };

/**
 * The end of a completed full sign-in in a browser holding a pending link. Links
 * nothing: it only lets the session that sign-in created confirm the link —
 * and only when the user who signed in is the one the verified email matched,
 * with their password (then their second factor, if any: this runs after it).
 */
export async function armPendingSsoLink(
  input: { token: string | undefined; userId: string; primary: 'password' | 'sso'; sessionId: string },
  now: Date = new Date(),
): Promise<PendingSsoLinkArming> {
  const pending = await findPendingSsoLink(input.token, now);
  if (!pending) return { status: 'none' };
  const reason = pending.userId !== input.userId ? 'other-user' : input.primary !== 'password' ? 'not-password' : undefined;
  if (reason) {
    await deletePendingSsoLink(input.token);
    return { status: 'discarded', reason };
  }
  const armed = await rows.updatePendingSsoLinkSession(hashToken(input.token!), input.userId, input.sessionId, now);
  return armed ? { status: 'awaiting-confirmation' } : { status: 'none' };
}

/** The pending link this session may confirm: armed by the sign-in that created it, unexpired. */
export async function findArmedSsoLink(
  input: { token: string | undefined; userId: string; sessionId: string },
  now: Date = new Date(),
): Promise<PendingSsoLinkView | undefined> {
  const pending = await findPendingSsoLink(input.token, now);
  return pending && pending.userId === input.userId && pending.sessionId === input.sessionId ? pending : undefined;
}

export type PendingSsoLinkConfirmation = { status: 'none' } | { status: 'linked'; issuer: string } | { status: 'refused'; reason: 'conflict' };

/** "Link this identity": links the armed pending link once, from the session that armed it. */
export async function confirmPendingSsoLink(
  input: { token: string | undefined; userId: string; sessionId: string; context: RequestContext },
  now: Date = new Date(),
): Promise<PendingSsoLinkConfirmation> {
  const pending = await findArmedSsoLink(input, now);
  if (!pending) return { status: 'none' };
  const consumed = await rows.consumeArmedSsoLink(hashToken(input.token!), input.userId, input.sessionId, now);
  if (!consumed) return { status: 'none' }; // used by a parallel confirmation
  const created = await createSsoLink(input.userId, pending, input.context);
  return created.ok ? { status: 'linked', issuer: pending.issuer } : { status: 'refused', reason: created.reason };
}
