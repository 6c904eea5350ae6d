// A pending SSO link (docs/decisions/020-sso-link-consent.md): an identity whose
// verified email matched a user, waiting for that user to sign in with their own
// password (and code). A PendingSsoLink row, bound to the matched user, found
// through a random token that only this browser holds (its cookie); the database
// keeps SHA-256(token), so a copy of the table cannot complete anyone's link.
// Single use: consuming deletes the row, and only one delete can win.
// Framework-free (takes the database), tested against a real one.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../../db/client.ts';
import type { RequestContext } from '../../../session/engine.ts';
import type { SsoIdentity } from '../identity.ts';
import { createSsoLink } from '../link.ts';

/** Long enough for the password form, the code step and a typo or two; like next-auth's flow cookies. */
export const PENDING_SSO_LINK_TTL_MS = 15 * 60_000;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/; // 32 random bytes, base64url

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export type PendingSsoLinkView = { userId: string; issuer: string; subject: string; email: string; expiresAt: Date };

const viewSelect = { id: true, userId: true, issuer: true, subject: true, email: true, expiresAt: true } as const;

/** Stores a pending link for `userId`; returns the token for the browser's cookie. */
export async function createPendingSsoLink(
  db: Db,
  input: { userId: string; identity: Pick<SsoIdentity, 'issuer' | 'subject'> & { email: string } },
  now: Date = new Date(),
): Promise<string> {
  // Expired rows lead nowhere; dropping them here keeps the table small without a job.
  await db.pendingSsoLink.deleteMany({ where: { expiresAt: { lte: now } } });
  const token = randomBytes(32).toString('base64url');
  await db.pendingSsoLink.create({
    data: {
      tokenHash: hashToken(token),
      userId: input.userId,
      issuer: input.identity.issuer,
      subject: input.identity.subject,
      email: input.identity.email,
      expiresAt: new Date(now.getTime() + PENDING_SSO_LINK_TTL_MS),
    },
  });
  return token;
}

/** The unexpired pending link behind `token`, without consuming it (the login page's notice). */
export async function findPendingSsoLink(db: Db, token: string | undefined, now: Date = new Date()): Promise<PendingSsoLinkView | undefined> {
  if (!token || !TOKEN_SHAPE.test(token)) return undefined;
  const row = await db.pendingSsoLink.findUnique({ where: { tokenHash: hashToken(token) }, select: viewSelect });
  if (!row || row.expiresAt <= now) return undefined;
  const { id: _id, ...view } = row;
  return view;
}

/** Deletes the pending link behind `token` (cancel, or any outcome of a sign-in). True if this call deleted it. */
export async function deletePendingSsoLink(db: Db, token: string | undefined): Promise<boolean> {
  if (!token || !TOKEN_SHAPE.test(token)) return false;
  const { count } = await db.pendingSsoLink.deleteMany({ where: { tokenHash: hashToken(token) } });
  return count === 1;
}

export type PendingSsoLinkOutcome =
  | { status: 'none' }
  | { status: 'linked'; issuer: string }
  /** A sign-in that does not prove the matched user's consent: the pending link is dropped, nothing linked. */
  | { status: 'discarded'; reason: 'other-user' | 'not-password' }
  | { status: 'refused'; reason: 'conflict' };

/**
 * The end of a completed full sign-in in a browser holding a pending link. The
 * link is made only when the user who just signed in is the one the verified
 * email matched, and signed in with their password (then, for users with TOTP,
 * their code — this runs after that step). Anyone else's sign-in, or a sign-in
 * that is itself SSO, only consumes the pending link: it must not be possible to
 * attach an identity to whichever account happens to sign in next in that browser.
 */
export async function consumePendingSsoLink(
  db: Db,
  input: { token: string | undefined; userId: string; primary: 'password' | 'sso'; context: RequestContext },
  now: Date = new Date(),
): Promise<PendingSsoLinkOutcome> {
  const pending = await findPendingSsoLink(db, input.token, now);
  if (!pending || !(await deletePendingSsoLink(db, input.token))) return { status: 'none' }; // expired, or used by a parallel sign-in
  if (pending.userId !== input.userId) return { status: 'discarded', reason: 'other-user' };
  if (input.primary !== 'password') return { status: 'discarded', reason: 'not-password' };
  const created = await createSsoLink(db, input.userId, pending, input.context);
  return created.ok ? { status: 'linked', issuer: pending.issuer } : { status: 'refused', reason: created.reason };
}
