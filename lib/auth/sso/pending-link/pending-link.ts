import 'server-only';
// The browser's side of a pending SSO link: its token in a `__Host-sso-link`
// cookie (Secure, HttpOnly, SameSite=Lax, Path=/ — the session cookie's
// attributes), alive as long as the row. Only the browser that started the SSO
// round holds it. A completed password sign-in arms it; only the confirmation
// page's button, in that session, links (docs/decisions/032-sso-links-and-anonymous-writes.md).
import { cookies } from 'next/headers';
import { expireCookie, sessionCookieOptions, type RequestContext } from '../../../session';
import {
  armPendingSsoLink,
  confirmPendingSsoLink,
  createPendingSsoLink,
  deletePendingSsoLink,
  findArmedSsoLink,
  findPendingSsoLink,
  PENDING_SSO_LINK_TTL_MS,
  type PendingSsoIdentity,
  type PendingSsoLinkConfirmation,
} from './pending-link-store';

export const PENDING_SSO_LINK_COOKIE_NAME = '__Host-sso-link';

/** Where a password sign-in that armed a pending link lands: the page that names it, with the button. */
export const SSO_LINK_CONFIRM_PATH = '/security/sso-link';

const cookieToken = async () => (await cookies()).get(PENDING_SSO_LINK_COOKIE_NAME)?.value;

/** After an SSO callback whose verified email matched `userId`: remember the identity for this browser. */
export async function startPendingSsoLink(userId: string, identity: PendingSsoIdentity): Promise<void> {
  const store = await cookies();
  // A pending link started earlier in this browser is replaced, not left behind.
  await deletePendingSsoLink(store.get(PENDING_SSO_LINK_COOKIE_NAME)?.value);
  const token = await createPendingSsoLink({ userId, identity });
  store.set(PENDING_SSO_LINK_COOKIE_NAME, token, { ...sessionCookieOptions, maxAge: PENDING_SSO_LINK_TTL_MS / 1000 });
}

/** The identity the login page names while this browser holds a pending link. */
export async function readPendingSsoLink(): Promise<PendingSsoIdentity | undefined> {
  const pending = await findPendingSsoLink(await cookieToken());
  return pending ? { issuer: pending.issuer, subject: pending.subject, email: pending.email, name: pending.name } : undefined;
}

/** The identity this session may link (the confirmation page), if any. */
export async function readArmedSsoLink(userId: string, sessionId: string): Promise<PendingSsoIdentity | undefined> {
  const pending = await findArmedSsoLink({ token: await cookieToken(), userId, sessionId });
  return pending ? { issuer: pending.issuer, subject: pending.subject, email: pending.email, name: pending.name } : undefined;
}

/** "Cancel linking" / "Don't link": the row and the cookie go. */
export async function cancelPendingSsoLink(): Promise<void> {
  const store = await cookies();
  await deletePendingSsoLink(store.get(PENDING_SSO_LINK_COOKIE_NAME)?.value);
  expireCookie(store, PENDING_SSO_LINK_COOKIE_NAME);
}

/**
 * The hook at the end of every completed full sign-in (lib/auth/sign-in/complete-sign-in.ts,
 * lib/auth/sign-in/second-factor-step.ts). Links nothing. True when the new session
 * should be asked to confirm; otherwise any pending link in this browser is gone.
 */
export async function armPendingSsoLinkAfterSignIn(userId: string, primary: 'password' | 'sso', sessionId: string): Promise<boolean> {
  const store = await cookies();
  const token = store.get(PENDING_SSO_LINK_COOKIE_NAME)?.value;
  if (!token) return false;
  const arming = await armPendingSsoLink({ token, userId, primary, sessionId });
  if (arming.status === 'awaiting-confirmation') return true;
  expireCookie(store, PENDING_SSO_LINK_COOKIE_NAME);
  return false;
}

/** "Link this identity": the cookie goes whatever the outcome. */
export async function confirmSsoLink(userId: string, sessionId: string, context: RequestContext): Promise<PendingSsoLinkConfirmation> {
  const store = await cookies();
  const token = store.get(PENDING_SSO_LINK_COOKIE_NAME)?.value;
  expireCookie(store, PENDING_SSO_LINK_COOKIE_NAME);
  return confirmPendingSsoLink({ token, userId, sessionId, context });
}
