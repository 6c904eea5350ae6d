// Runs before every page and API request (not static files — except requests
// that may be a Server Action or a form post, which reach it on every path).
// Three steps, in order:
//  1. request hygiene (lib/http/request-hygiene.ts): refusals that need no session;
//  2. the session gate (lib/session/gate.ts): a 503 while the database is down,
//     the optimistic gate, periodic regeneration, the signed stamp for the DAL;
//  3. headers that vary per request: a CSP with a fresh nonce, no-store.
// The authority on who the user is stays in the data access layer (ADR 008).
// Why middleware.ts and not Next 16's proxy.ts: docs/decisions/008-middleware-and-dal.md
import type { NextRequest, NextResponse } from 'next/server';
import { env } from '@/lib/env';
import { buildContentSecurityPolicy, createNonce } from '@/lib/http/csp';
import { refuseUnfitRequest } from '@/lib/http/request-hygiene';
import { asNextResponse, passSessionGate, requestStamper } from '@/lib/session';
import { watchSessionTheft } from '@/lib/auth/notify';

// A theft the gate detects mails the owner (ADR 047): the session layer calls the product's listener.
watchSessionTheft();

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

export async function middleware(request: NextRequest): Promise<NextResponse> {
  const now = new Date();
  // When server.ts first saw the request, how slowly it was answering then, and whether it was a prefetch.
  const arrival = requestStamper.readArrival(request.headers, now);
  const refusal = await refuseUnfitRequest(request, arrival, process.env.NODE_ENV);
  if (refusal) return asNextResponse(refusal);

  const csp = buildContentSecurityPolicy(createNonce(), { development: env.NODE_ENV === 'development' });
  // Next applies the nonce to its own scripts when the CSP is on the request.
  request.headers.set('content-security-policy', csp);
  const response = await passSessionGate(request, now, arrival);
  response.headers.set('Content-Security-Policy', csp);
  return response;
}
