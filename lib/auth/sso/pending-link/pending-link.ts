import 'server-only';
// The browser's side of a pending SSO link: its token in a `__Host-sso-link`
// cookie (Secure, HttpOnly, SameSite=Lax, Path=/ — the session cookie's
// attributes), alive as long as the row. It outlives the password form and the
// code step, and the completed sign-in consumes it (completePendingSsoLink).
// docs/decisions/020-sso-link-consent.md
import { cookies } from 'next/headers';
import { db } from '../../../db';
import { expireCookie, sessionCookieOptions, type RequestContext } from '../../../session';
import type { SsoIdentity } from '../identity';
import {
  consumePendingSsoLink,
  createPendingSsoLink,
  deletePendingSsoLink,
  findPendingSsoLink,
  PENDING_SSO_LINK_TTL_MS,
  type PendingSsoLinkOutcome,
} from './pending-link-store';

export const PENDING_SSO_LINK_COOKIE_NAME = '__Host-sso-link';

/** After an SSO callback whose verified email matched `userId`: remember the identity for this browser. */
export async function startPendingSsoLink(userId: string, identity: SsoIdentity & { email: string }): Promise<void> {
  const store = await cookies();
  // A pending link started earlier in this browser is replaced, not left behind.
  await deletePendingSsoLink(db, store.get(PENDING_SSO_LINK_COOKIE_NAME)?.value);
  const token = await createPendingSsoLink(db, { userId, identity });
  store.set(PENDING_SSO_LINK_COOKIE_NAME, token, { ...sessionCookieOptions, maxAge: PENDING_SSO_LINK_TTL_MS / 1000 });
}

/** What the login page tells the user about the link they are about to make, if one is pending. */
export async function readPendingSsoLink(): Promise<{ email: string } | undefined> {
  const pending = await findPendingSsoLink(db, (await cookies()).get(PENDING_SSO_LINK_COOKIE_NAME)?.value);
  return pending ? { email: pending.email } : undefined;
}

/** "Cancel linking": the row and the cookie go. */
export async function cancelPendingSsoLink(): Promise<void> {
  const store = await cookies();
  await deletePendingSsoLink(db, store.get(PENDING_SSO_LINK_COOKIE_NAME)?.value);
  expireCookie(store, PENDING_SSO_LINK_COOKIE_NAME);
}

/**
 * The hook at the end of every completed full sign-in (lib/auth/sign-in/complete-sign-in.ts,
 * lib/auth/sign-in/mfa-step.ts): links the pending identity if, and only if, the user who
 * just signed in is the one it is bound to and used their password. No-op without the cookie.
 */
export async function completePendingSsoLink(userId: string, primary: 'password' | 'sso', context: RequestContext): Promise<PendingSsoLinkOutcome> {
  const store = await cookies();
  const token = store.get(PENDING_SSO_LINK_COOKIE_NAME)?.value;
  if (!token) return { status: 'none' };
  expireCookie(store, PENDING_SSO_LINK_COOKIE_NAME);
  return consumePendingSsoLink(db, { token, userId, primary, context });
}
