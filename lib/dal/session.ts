import 'server-only';
// The data access layer's authority on "who is this?". Every page, server
// action and route handler that touches user data asks here: the session
// layer's current-session entry (lib/session/current-session.ts), fed from
// next/headers once per request (React cache()), and never middleware's word.
import { cache } from 'react';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { databaseAvailability, isDatabaseUnreachableError } from '../db';
import { env } from '../env';
import { retryPathFrom } from '../http/retry-path';
import { isFreshlyAuthenticated } from '../session/policy';
import { provesStrongestFactor } from '../session/auth-level';
import { loginPath } from '../session/login-path';
import type { SignedOutReason } from '../session/signed-out-reason';
import { SESSION_COOKIE_NAME, requestStamper, sessionStore, sessionPolicy, sessionSealer, sweepExpiredSessions } from '../session';
import { readCurrentSession, type CurrentSession, type CurrentSessionDeps } from '../session/current-session';
import { watchSessionTheft } from '../auth/notify';

export type { SignedOutReason, CurrentSession };
export type { SessionUser } from '../session/current-session';

// A theft this check detects mails the owner (ADR 047); middleware registers the same listener.
watchSessionTheft();

const deps: CurrentSessionDeps = {
  store: sessionStore,
  sealer: sessionSealer,
  stamper: requestStamper,
  trustProxy: env.TRUST_PROXY,
  sweep: sweepExpiredSessions,
};

/**
 * Two cases send the browser to ask again at the same URL (nobody was signed
 * out): the database went away under this request — middleware now answers the
 * calm 503 there, rather than a 500 here or the login page — and a stale
 * secret, which the browser's newest cookie replaces (ADR 035; middleware
 * catches those first, this is the DAL's own check).
 */
async function readOrRetry(touch: boolean): Promise<CurrentSession> {
  const cookieValue = (await cookies()).get(SESSION_COOKIE_NAME)?.value;
  const requestHeaders = await headers();
  let found;
  try {
    found = await readCurrentSession(deps, { cookieValue, headers: requestHeaders, touch });
  } catch (error) {
    if (!isDatabaseUnreachableError(error)) throw error;
    databaseAvailability.markSuspect(error);
    redirect(retryPathOrThrow(requestHeaders, error));
  }
  if (found.status !== 'retry') return found;
  const retryPath = retryPathFrom(requestHeaders);
  return retryPath === null ? { status: 'anonymous', reason: 'none', context: found.context } : redirect(retryPath);
}

function retryPathOrThrow(requestHeaders: Headers, error: unknown): string {
  const retryPath = retryPathFrom(requestHeaders);
  if (retryPath === null) throw error;
  return retryPath;
}

/** The request's session, validated once per request. Extends the idle timer. */
export const getCurrentSession = cache(() => readOrRetry(true));

/** Same check without extending the idle timer (status polling). */
export const peekCurrentSession = cache(() => readOrRetry(false));

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

/**
 * For the changes that cannot be taken back or hand the account over (the
 * sign-in address, deleting the account; ADR 046): a fresh authentication made
 * with the strongest factor the user has (ADR 030). Anything less goes to
 * /reauth, which asks for exactly that factor.
 */
export async function requireStrongestFreshAuth(returnTo: string): Promise<Extract<CurrentSession, { status: 'authenticated' }>> {
  const current = await requireFreshAuth(returnTo);
  if (!provesStrongestFactor(current.authLevel, current.user)) redirect(`/reauth?${new URLSearchParams({ next: returnTo })}`);
  return current;
}
