import 'server-only';
// PendingSsoLink rows (ADR 032): an SSO identity waiting for the matched user to
// sign in and confirm it, found by the SHA-256 of a token only the browser holds.
// Arming and confirming are guarded writes — bound to the user, the arming
// session and the expiry in the statement itself, so one confirmation wins.
// Tokens and the rules around them are lib/auth/sso/pending-link/pending-link-store.ts's.
import { db } from '../db';

export type PendingSsoLinkRow = {
  userId: string;
  issuer: string;
  subject: string;
  email: string;
  name: string | null;
  sessionId: string | null;
  expiresAt: Date;
};

const rowSelect = { userId: true, issuer: true, subject: true, email: true, name: true, sessionId: true, expiresAt: true } as const;

/** Stores a pending link; expired rows lead nowhere and are dropped here, which keeps the table small without a job. */
export async function createPendingSsoLink(
  tokenHash: string,
  link: Omit<PendingSsoLinkRow, 'sessionId'>,
  now: Date,
): Promise<void> {
  await db.pendingSsoLink.deleteMany({ where: { expiresAt: { lte: now } } });
  await db.pendingSsoLink.create({ data: { tokenHash, ...link } });
}

/** The row behind a token hash, expired or not (the caller compares expiresAt). */
export function fetchPendingSsoLink(tokenHash: string): Promise<PendingSsoLinkRow | null> {
  return db.pendingSsoLink.findUnique({ where: { tokenHash }, select: rowSelect });
}

/** True if this call deleted it. */
export async function deletePendingSsoLink(tokenHash: string): Promise<boolean> {
  const { count } = await db.pendingSsoLink.deleteMany({ where: { tokenHash } });
  return count === 1;
}

/** Records the session the matched user's sign-in created: it, and only it, may confirm. False when the row is gone, expired or another user's. */
export async function updatePendingSsoLinkSession(tokenHash: string, userId: string, sessionId: string, now: Date): Promise<boolean> {
  const { count } = await db.pendingSsoLink.updateMany({
    where: { tokenHash, userId, expiresAt: { gt: now } },
    data: { sessionId },
  });
  return count === 1;
}

/** Deletes the armed row for this user and session: true for the one confirmation that does, never twice. */
export async function consumeArmedSsoLink(tokenHash: string, userId: string, sessionId: string, now: Date): Promise<boolean> {
  const { count } = await db.pendingSsoLink.deleteMany({
    where: { tokenHash, userId, sessionId, expiresAt: { gt: now } },
  });
  return count === 1;
}
