import 'server-only';
// The data access layer's authority on "who is this?". Every page, server
// action and route handler that touches user data asks here. It re-validates
// the cookie against the database itself — once per request, thanks to React
// cache() — and never takes middleware's word for who the user is (middleware
// can be skipped: CVE-2025-29927). What middleware tells it about the request
// (when it arrived, whether middleware delivered the secret) comes as an HMAC'd
// stamp it verifies; without one it judges strictly (ADR 016).
import { cache } from 'react';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { db } from '../db';
import { env } from '../env';
import { isPrefetchRequest } from '../http/prefetch';
import { requestContextFromHeaders } from '../http/request-context';
import { isFreshlyAuthenticated } from '../session/policy';
import { loginPath } from '../session/login-path';
import { signedOutReason, type SignedOutReason } from '../session/signed-out-reason';
import { REQUEST_STAMP_HEADER, SESSION_COOKIE_NAME, requestStamper, sessionEngine, sessionPolicy, sessionSealer, sweepExpiredSessions } from '../session';
import type { RequestContext, Session, SessionToken } from '../session';

export type { SignedOutReason };

export type SessionUser = { id: string; email: string; name: string; totpEnabled: boolean };


export type CurrentSession =
  | { status: 'authenticated'; session: Session; token: SessionToken; user: SessionUser; context: RequestContext }
  | { status: 'anonymous'; reason: SignedOutReason; context: RequestContext };

async function readCurrentSession(touch: boolean): Promise<CurrentSession> {
  const requestHeaders = await headers();
  const context = requestContextFromHeaders(requestHeaders, env.TRUST_PROXY);
  const cookieValue = (await cookies()).get(SESSION_COOKIE_NAME)?.value;
  if (!cookieValue) return { status: 'anonymous', reason: 'none', context };

  const now = new Date();
  const unsealed = await sessionSealer.unsealSessionToken(cookieValue, now);
  if (!unsealed.ok) return { status: 'anonymous', reason: unsealed.reason === 'expired' ? 'expired' : 'none', context };

  sweepExpiredSessions(now);
  const stamp = requestStamper.readStamp(requestHeaders.get(REQUEST_STAMP_HEADER), cookieValue, now);
  // Fetching ahead is not activity. Next hides its router headers from the app;
  // middleware saw them (and a forged "prefetch" could only keep a session from being extended).
  touch &&= !(stamp?.prefetch ?? isPrefetchRequest(requestHeaders));
  const result = await sessionEngine.validateSessionToken(
    unsealed.token,
    { touch, confirm: !stamp?.delivered, receivedAt: stamp?.receivedAt, vouched: stamp?.vouched, context },
    now,
  );
  switch (result.status) {
    case 'valid':
    case 'rotate':
    case 'resend': {
      // Rotating and re-sending happen in middleware, which can set cookies;
      // here the session is simply valid.
      const user = await db.user.findUnique({
        where: { id: result.session.userId },
        select: { id: true, email: true, name: true, totpEnabledAt: true, _count: { select: { passkeys: true } } },
      });
      if (!user) return { status: 'anonymous', reason: 'revoked', context };
      const { totpEnabledAt, _count, ...rest } = user;
      if ((totpEnabledAt !== null || _count.passkeys > 0) && !result.session.mfaVerified) {
        // A TOTP or passkey user's session that never passed the second factor (e.g. a sign-in racing MFA being turned on) is not theirs.
        await sessionEngine.invalidateSession(result.session.id, 'mfa-changed', { now, context });
        return { status: 'anonymous', reason: 'revoked', context };
      }
      return {
        status: 'authenticated',
        session: result.session,
        token: unsealed.token,
        user: { ...rest, totpEnabled: totpEnabledAt !== null },
        context,
      };
    }
    default:
      return { status: 'anonymous', reason: signedOutReason(result), context };
  }
}

/** The request's session, validated once per request. Extends the idle timer. */
export const getCurrentSession = cache(() => readCurrentSession(true));

/** Same check without extending the idle timer (status polling). */
export const peekCurrentSession = cache(() => readCurrentSession(false));

/** For pages and server actions: the signed-in user, or a redirect to /login. */
export async function requireUser(): Promise<Extract<CurrentSession, { status: 'authenticated' }>> {
  const current = await getCurrentSession();
  if (current.status !== 'authenticated') redirect(loginPath(current.reason));
  return current;
}

/**
 * Step-up (ASVS 7.5): money movement, credential changes and session
 * management need an authentication within the fresh-auth window; otherwise
 * the user re-authenticates and comes back to `returnTo`.
 */
export async function requireFreshAuth(returnTo: string): Promise<Extract<CurrentSession, { status: 'authenticated' }>> {
  const current = await requireUser();
  if (!isFreshlyAuthenticated(current.session.authenticatedAt, new Date(), sessionPolicy)) {
    redirect(`/reauth?${new URLSearchParams({ next: returnTo })}`);
  }
  return current;
}
