// The gate: middleware's session step, on every page and API request. Three
// jobs only it can do, because only it sees every navigation and may set cookies:
//  1. an optimistic gate — a protected path without a well-formed seal goes to
//     /login (the current-session entry still makes the authoritative check);
//  2. periodic regeneration — once a cookie's secret is due, ask the store and
//     carry out its verdict: rotate, re-send a lost secret, send a stale one
//     back (307, same URL, nothing served: ADR 035), or sign out;
//  3. a signed stamp for the current-session entry: when the request arrived,
//     whether its secret was delivered here, whether it was vouched (ADR 016).
// A cookie not yet due passes without a database round trip: the seal is
// authentic and the current-session entry reads the row anyway.
import { NextResponse, type NextRequest } from 'next/server';
import type { AvailabilityMonitor } from '../db/availability';
import { isPrefetchRequest } from '../http/prefetch';
import { isProtectedPath } from '../http/protected-paths';
import { requestContextFromHeaders } from '../http/request-context';
import { RETRY_PATH_HEADER } from '../http/retry-path';
import { unavailableResponse } from '../http/unavailable';
import { deleteSessionCookie, SESSION_COOKIE_NAME, setSessionCookie } from './cookie';
import { loginPath } from './login-path';
import { isRotationDue, resentSecretIssuedAt, type SessionPolicy } from './policy';
import { ARRIVAL_HEADER, REQUEST_STAMP_HEADER, type Arrival, type RequestStamper } from './request-facts';
import type { SessionSealer } from './seal';
import { signedOutReason, type SignedOutReason } from './signed-out-reason';
import type { SessionStore } from './store';

export type GateDeps = {
  store: SessionStore;
  sealer: SessionSealer;
  stamper: RequestStamper;
  policy: SessionPolicy;
  trustProxy: boolean;
  /** The database's health as this process last saw it: free while healthy. */
  availability: AvailabilityMonitor;
  isUnreachable: (error: unknown) => boolean;
};

/** What the gate lets through: `newCookie` if it rotated or re-sent; `vouched`: checked against the database on arrival. */
type Passage = { kind: 'pass'; newCookie?: string; vouched?: boolean } | { kind: 'retry' } | { kind: 'signed-out'; reason: SignedOutReason };

export function createSessionGate(deps: GateDeps) {
  const { store, sealer, stamper, policy } = deps;

  /** The store's verdict for a due cookie, carried out: the cookie the browser gets next, if any. */
  async function checkSession(request: NextRequest, now: Date, arrival: Arrival | null): Promise<Passage> {
    const cookieValue = request.cookies.get(SESSION_COOKIE_NAME)?.value;
    if (!cookieValue) return { kind: 'signed-out', reason: 'none' };
    const unsealed = await sealer.unsealSessionToken(cookieValue, now);
    if (!unsealed.ok) return { kind: 'signed-out', reason: unsealed.reason === 'expired' ? 'expired' : 'none' };
    if (!isRotationDue(unsealed.issuedAt, now, policy)) return { kind: 'pass' };

    const context = requestContextFromHeaders(request.headers, deps.trustProxy);
    // No touch here: the current-session entry touches once for this request, and status polls must not.
    const check = await store.validateSessionToken(unsealed.token, { context, touch: false, arrivedAt: arrival?.at ?? now, serverLagMs: arrival?.lagMs ?? 0 }, now);
    switch (check.kind) {
      case 'accept': {
        if (!check.rotate) return { kind: 'pass', vouched: true };
        const rotation = await store.rotateSession(check.session, unsealed.token, { now, context });
        if (rotation.kind === 'not-rotated') return { kind: 'pass', vouched: true }; // a parallel request rotated first
        return { kind: 'pass', newCookie: await sealer.sealSessionToken(rotation.token, now) };
      }
      case 'resend':
        // Sealed as due, so the next request rotates it once its grace is over (ADR 029).
        return { kind: 'pass', newCookie: await sealer.sealSessionToken(check.token, resentSecretIssuedAt(check.session.rotatedAt, policy)) };
      case 'retry':
        return { kind: 'retry' };
      default:
        return { kind: 'signed-out', reason: signedOutReason(check) };
    }
  }

  /**
   * The session step of middleware: the response for this request — a 503
   * while the database is down, a 307 retry, a sign-out, or the request passed
   * on with what the app may rely on. `arrival`: server.ts's signed arrival
   * stamp (null outside production).
   */
  return async function passSessionGate(request: NextRequest, now: Date, arrival: Arrival | null): Promise<NextResponse> {
    const { pathname, search } = request.nextUrl;
    const here = `${pathname}${search}`;
    // Database down: every page, form and API answers 503 — not the login page,
    // not a 500, and nobody signs in. Sign-out still runs: it removes the cookie.
    if (pathname !== '/logout' && (await deps.availability.check()) === 'down') return asNextResponse(unavailableResponse(pathname, request.headers));
    // Where the current-session entry sends a request that finds the database gone (lib/http/retry-path.ts).
    request.headers.set(RETRY_PATH_HEADER, here);
    const hadCookie = request.cookies.has(SESSION_COOKIE_NAME);
    const protectedPath = isProtectedPath(pathname);
    const prefetch = Boolean(arrival?.prefetch) || isPrefetchRequest(request.headers);
    request.headers.delete(ARRIVAL_HEADER);

    let passage: Passage;
    try {
      passage = await checkSession(request, now, arrival);
    } catch (error) {
      // Database gone mid-check: fail closed on protected paths, never a stack trace.
      console.error('[gate] session check failed:', error instanceof Error ? error.message : error);
      if (deps.isUnreachable(error)) deps.availability.markSuspect(error);
      if (protectedPath) return asNextResponse(unavailableResponse(pathname, request.headers));
      passage = { kind: 'pass' };
    }

    let response: NextResponse;
    if (passage.kind === 'retry') {
      // The same request again (307 keeps method and body); the browser builds it from its jar as it is now.
      response = NextResponse.redirect(new URL(here, request.url), 307);
    } else if (passage.kind === 'signed-out' && protectedPath) {
      response = pathname.startsWith('/api/')
        ? NextResponse.json({ error: 'unauthenticated' }, { status: 401 })
        : NextResponse.redirect(new URL(loginPath(passage.reason, here), request.url), 303);
    } else {
      request.headers.delete(REQUEST_STAMP_HEADER); // only the gate may say anything about this request
      // Downstream (server components, actions) must see the new cookie in this very request.
      if (passage.kind === 'pass' && passage.newCookie) request.cookies.set(SESSION_COOKIE_NAME, passage.newCookie);
      const downstreamCookie = request.cookies.get(SESSION_COOKIE_NAME)?.value;
      if (passage.kind === 'pass' && downstreamCookie) {
        const stamp = { arrivedAt: arrival?.at ?? now, delivered: Boolean(passage.newCookie), vouched: Boolean(passage.vouched), prefetch };
        request.headers.set(REQUEST_STAMP_HEADER, stamper.writeStamp(downstreamCookie, stamp));
      }
      response = NextResponse.next({ request: { headers: request.headers } });
      if (passage.kind === 'pass' && passage.newCookie) setSessionCookie(response.cookies, passage.newCookie);
    }
    // A cookie that names no usable session is removed, wherever it was sent — but
    // not by a prefetch: the user's next navigation must still find it, to say why.
    if (passage.kind === 'signed-out' && hadCookie && !prefetch) deleteSessionCookie(response.cookies);
    if (protectedPath || hadCookie) response.headers.set('Cache-Control', 'no-store, max-age=0');
    return response;
  };
}

export function asNextResponse(response: Response): NextResponse {
  return new NextResponse(response.body, { status: response.status, headers: response.headers });
}
