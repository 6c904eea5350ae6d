// Runs before every page and API request (not static files — except requests
// that may be a Server Action or a form post, which reach it on every path). In order:
//  0. outside the production server (server.ts) in production, a 503 (ADR 033);
//  1. refusals that need no session: paths with broken %-escapes (400: Next
//     fails decoding route parameters with a 500), bodies over 2 MB (413), state-changing
//     requests from another origin (403, CSRF); while the database is known to
//     be unreachable, a calm 503 (lib/db/availability.ts — free while healthy);
//     Server Action bodies React could not decode, a 400 (Next's answer is a 500);
//  2. security headers that vary per request: a CSP with a fresh nonce, no-store;
//  3. an optimistic gate: protected paths without a well-formed sealed cookie go
//     to /login (the data access layer still does the authoritative check);
//  4. periodic regeneration: once the cookie's secret is older than the rotation
//     interval, rotate it (or re-send a lost one) here — the one place that sees
//     every navigation and can set cookies — and rewrite the request so this
//     request already uses it; a secret already replaced is sent back to be
//     retried with the browser's newest cookie (a replaced secret's seal is
//     always due, so it always reaches this check);
//  5. a verifiable stamp for the DAL: when the request arrived, whether its
//     secret was delivered here, whether it was vouched for (ADR 016).
// Why middleware.ts and not Next 16's proxy.ts: docs/decisions/008-middleware-and-dal.md
import { NextResponse, type NextRequest } from 'next/server';
import { databaseAvailability, isDatabaseUnreachableError } from '@/lib/db';
import { env } from '@/lib/env';
import { requestContextFromHeaders } from '@/lib/http/request-context';
import { buildContentSecurityPolicy, createNonce } from '@/lib/http/csp';
import { isPrefetchRequest } from '@/lib/http/prefetch';
import { isProtectedPath } from '@/lib/http/protected-paths';
import { unstampedRequestRefusal } from '@/lib/http/production-server';
import { isCrossOriginRequest } from '@/lib/http/same-origin';
import { RETRY_PATH_HEADER } from '@/lib/http/retry-path';
import { checkServerActionRequest } from '@/lib/http/server-action-request';
import { unavailableResponse } from '@/lib/http/unavailable';
import { loginPath } from '@/lib/session/login-path';
import { isRotationDue, resentSecretIssuedAt } from '@/lib/session/policy';
import { signedOutReason, type SignedOutReason } from '@/lib/session/signed-out-reason';
import {
  ARRIVAL_HEADER,
  REQUEST_STAMP_HEADER,
  SESSION_COOKIE_NAME,
  deleteSessionCookie,
  sessionEngine,
  requestStamper,
  sessionPolicy,
  sessionSealer,
  setSessionCookie,
} from '@/lib/session';

export const config = {
  runtime: 'nodejs',
  // Static assets and the public health probe skip middleware on GET (speed);
  // so does the benchmark's "no middleware" baseline, a route only the benchmark
  // build has (ADR 023; elsewhere that path is a plain 404). But Next runs Server
  // Actions on any path, those too: whatever may be one (a Next-Action header, or
  // any body — a form post) passes the same checks everywhere; static GETs send neither (ADR 033).
  matcher: [
    '/((?!_next/static/|_next/image|favicon\\.ico$|icons/|fonts/|robots\\.txt$|api/health$|bench/bare$).*)',
    { source: '/:path*', has: [{ type: 'header', key: 'next-action' }] },
    { source: '/:path*', has: [{ type: 'header', key: 'content-type' }] },
  ],
};

/** `vouched`: the cookie was checked against the database on arrival and found valid. `retry`: a stale secret, sent back (ADR 035). */
type Outcome = { kind: 'pass'; newCookie?: string; vouched?: boolean } | { kind: 'retry' } | { kind: 'signed-out'; reason: SignedOutReason };

/** When the request arrived, and how slowly the server was answering then (server.ts). */
type Arrived = { arrivedAt: Date; serverLagMs: number };

async function checkSession(request: NextRequest, now: Date, { arrivedAt, serverLagMs }: Arrived): Promise<Outcome> {
  const cookieValue = request.cookies.get(SESSION_COOKIE_NAME)?.value;
  if (!cookieValue) return { kind: 'signed-out', reason: 'none' };

  const unsealed = await sessionSealer.unsealSessionToken(cookieValue, now);
  if (!unsealed.ok) return { kind: 'signed-out', reason: unsealed.reason === 'expired' ? 'expired' : 'none' };
  // Optimistic: a well-sealed cookie whose secret is not yet due for rotation
  // passes without a database round trip; the DAL validates it fully.
  if (!isRotationDue(unsealed.issuedAt, now, sessionPolicy)) return { kind: 'pass' };

  const context = requestContextFromHeaders(request.headers, env.TRUST_PROXY);
  // No touch here: the DAL touches once for this request, and status polls must not.
  const result = await sessionEngine.validateSessionToken(unsealed.token, { context, touch: false, arrivedAt, serverLagMs }, now);
  switch (result.status) {
    case 'valid':
      return { kind: 'pass', vouched: true };
    case 'rotate': {
      const rotation = await sessionEngine.rotateSession(result.session, unsealed.token, { now, context });
      if (rotation.status === 'not-rotated') return { kind: 'pass', vouched: true }; // a parallel request rotated first
      return { kind: 'pass', newCookie: await sessionSealer.sealSessionToken(rotation.token, now) };
    }
    case 'resend':
      // The same current secret again (the engine counted it), sealed as due so
      // the next request rotates it once its grace is over (ADR 029).
      return { kind: 'pass', newCookie: await sessionSealer.sealSessionToken(result.token, resentSecretIssuedAt(result.session.rotatedAt, sessionPolicy)) };
    case 'retry':
      return { kind: 'retry' };
    default:
      return { kind: 'signed-out', reason: signedOutReason(result) };
  }
}

/**
 * The same request again, at the same URL, method and body (307): the browser
 * builds it from its cookie jar as it is now — newer than the stale secret this
 * one carried, unless it holds nothing newer (ADR 035). Nothing is served.
 */
function retryResponse(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  return NextResponse.redirect(new URL(`${pathname}${search}`, request.url), 307);
}

function signedOutResponse(request: NextRequest, reason: SignedOutReason): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith('/api/')) {
    return NextResponse.json({ error: 'unauthenticated' }, { status: 401 });
  }
  return NextResponse.redirect(new URL(loginPath(reason, `${pathname}${search}`), request.url), 303);
}

// Matches serverActions.bodySizeLimit in next.config.mjs.
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export async function middleware(request: NextRequest): Promise<NextResponse> {
  // When the HTTP server first saw the request, and whether it was a prefetch (server.ts).
  const now = new Date();
  const arrival = requestStamper.readArrival(request.headers.get(ARRIVAL_HEADER), now);
  const outsideProductionServer = unstampedRequestRefusal(arrival, process.env.NODE_ENV);
  if (outsideProductionServer) return asNextResponse(outsideProductionServer);
  if (!isDecodablePath(request.nextUrl.pathname)) {
    return NextResponse.json({ error: 'malformed path' }, { status: 400, headers: { 'Cache-Control': 'no-store' } });
  }
  // Oversized bodies get a clear 413 here rather than a 500 from Next's parser.
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) {
    return new NextResponse('Request too large.', { status: 413, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  // CSRF: a state-changing request from another origin ends here with a 403 —
  // Next would refuse a cross-origin Server Action too, but with a 500, and
  // route handlers get no check from Next at all.
  if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && isCrossOriginRequest(request)) {
    return NextResponse.json({ error: 'cross-origin request refused' }, { status: 403 });
  }
  const envelope = await checkServerActionRequest(request);
  if (envelope.kind === 'invalid') {
    return NextResponse.json({ error: 'malformed server action request', reason: envelope.reason }, { status: 400, headers: { 'Cache-Control': 'no-store' } });
  }
  // Database down: every page, form and API answers 503 — not the login page, not
  // a 500, and nobody signs in. Sign-out still runs: it removes the browser's cookie.
  if (request.nextUrl.pathname !== '/logout' && (await databaseAvailability.check()) === 'down') {
    return asNextResponse(unavailableResponse(request.nextUrl.pathname, request.headers));
  }
  // Where the DAL sends a request that finds the database gone (lib/http/retry-path.ts).
  request.headers.set(RETRY_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const nonce = createNonce();
  const csp = buildContentSecurityPolicy(nonce, { development: env.NODE_ENV === 'development' });
  const hadCookie = request.cookies.has(SESSION_COOKIE_NAME);
  const protectedPath = isProtectedPath(request.nextUrl.pathname);
  const arrivedAt = arrival?.at ?? now;
  const prefetch = arrival?.prefetch || isPrefetchRequest(request.headers);
  request.headers.delete(ARRIVAL_HEADER);

  let outcome: Outcome;
  try {
    outcome = await checkSession(request, now, { arrivedAt, serverLagMs: arrival?.lagMs ?? 0 });
  } catch (error) {
    // Database down or similar: fail closed on protected paths, never a stack trace.
    console.error('[middleware] session check failed:', error instanceof Error ? error.message : error);
    if (isDatabaseUnreachableError(error)) databaseAvailability.markSuspect(error);
    if (protectedPath) return asNextResponse(unavailableResponse(request.nextUrl.pathname, request.headers));
    outcome = { kind: 'pass' };
  }

  let response: NextResponse;
  if (outcome.kind === 'retry') {
    response = retryResponse(request);
  } else if (outcome.kind === 'signed-out' && protectedPath) {
    response = signedOutResponse(request, outcome.reason);
  } else {
    // Next applies the nonce to its own scripts when the CSP is on the request.
    request.headers.set('content-security-policy', csp);
    request.headers.delete(REQUEST_STAMP_HEADER); // only we may say anything about this request
    if (outcome.kind === 'pass' && outcome.newCookie) {
      // Downstream (server components, actions) must see the new token in this request.
      request.cookies.set(SESSION_COOKIE_NAME, outcome.newCookie);
    }
    const downstreamCookie = request.cookies.get(SESSION_COOKIE_NAME)?.value;
    if (outcome.kind === 'pass' && downstreamCookie) {
      // What the DAL may rely on, and verify (lib/session/request-stamp.ts, ADR 016).
      const stamp = { arrivedAt, delivered: Boolean(outcome.newCookie), vouched: Boolean(outcome.vouched), prefetch };
      request.headers.set(REQUEST_STAMP_HEADER, requestStamper.writeStamp(downstreamCookie, stamp));
    }
    response = NextResponse.next({ request: { headers: request.headers } });
    if (outcome.kind === 'pass' && outcome.newCookie) setSessionCookie(response.cookies, outcome.newCookie);
  }

  // A cookie that names no usable session is removed, wherever it was sent — but
  // not by a prefetch: the user's next navigation must still find it, to say why.
  if (outcome.kind === 'signed-out' && hadCookie && !prefetch) deleteSessionCookie(response.cookies);
  response.headers.set('Content-Security-Policy', csp);
  if (protectedPath || hadCookie) response.headers.set('Cache-Control', 'no-store, max-age=0');
  return response;
}

function asNextResponse(response: Response): NextResponse {
  return new NextResponse(response.body, { status: response.status, headers: response.headers });
}

/** "/a%20b" yes; "/%ff", "/x%" no (they are not UTF-8 percent-encoding). */
function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
