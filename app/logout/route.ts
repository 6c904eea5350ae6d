import { NextResponse, type NextRequest } from 'next/server';
import { recordSignOut } from '@/lib/dal/security';
import { env } from '@/lib/env';
import { requestContextFromHeaders } from '@/lib/http/request-context';
import { isSameOriginRequest } from '@/lib/http/same-origin';
import { SESSION_COOKIE_NAME, deleteSessionCookie, sessionStore, sessionSealer } from '@/lib/session';
import { APP_NAME_HTML } from '@/lib/config/app-name';

// Sign out is a route handler, not a server action, because it must send
// Clear-Site-Data, and only route handlers can set arbitrary headers. Route
// handlers get no CSRF check from Next, so the Origin is checked here.
//
// It ends the session the cookie *names*: any authentic seal carries its
// session id, so a stale cookie (an old secret, a revoked or expired session)
// still ends that session — nobody needs the current secret to sign out. The
// browser's copy is removed whatever happens, also when the database is down.

/** Why the browser is signing out; only the idle warning says more than "signed out". */
const reasons = new Set(['idle', 'expired', 'revoked']);

export async function POST(request: NextRequest) {
  if (!isSameOriginRequest(request)) {
    return NextResponse.json({ error: 'cross-origin request refused' }, { status: 403 });
  }
  const posted = await readReason(request);
  const reason = posted && reasons.has(posted) ? posted : 'signed-out';
  let response: NextResponse;
  try {
    await endNamedSession(request);
    // A relative Location: behind a TLS proxy request.url pairs the forwarded
    // scheme with this instance's own port, a page nobody can open.
    response = new NextResponse(null, { status: 303, headers: { Location: `/login?reason=${reason}` } });
  } catch (error) {
    console.error('[logout] could not end the session in the database:', error instanceof Error ? error.message : error);
    response = new NextResponse(UNAVAILABLE_PAGE, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': '30' } });
  }
  deleteSessionCookie(response.cookies);
  response.headers.set('Clear-Site-Data', '"cache", "cookies", "storage"');
  response.headers.set('Cache-Control', 'no-store');
  return response;
}

async function endNamedSession(request: NextRequest): Promise<void> {
  const cookieValue = request.cookies.get(SESSION_COOKIE_NAME)?.value;
  if (!cookieValue) return;
  const unsealed = await sessionSealer.unsealSessionToken(cookieValue, new Date());
  if (!unsealed.ok) return; // not ours: there is no session to end
  const context = requestContextFromHeaders(request.headers, env.TRUST_PROXY);
  const ended = await sessionStore.invalidateSession(unsealed.token.id, 'logout', { context });
  if (ended?.revoked) {
    await recordSignOut(ended.userId, unsealed.token.id, context);
  }
}

async function readReason(request: NextRequest): Promise<string | null> {
  if (!request.headers.get('content-type')?.includes('application/x-www-form-urlencoded')) return null;
  try {
    const value = (await request.formData()).get('reason');
    return typeof value === 'string' ? value : null;
  } catch {
    return null; // a malformed body still signs out
  }
}

const UNAVAILABLE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signed out on this device — ${APP_NAME_HTML}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<h1>Signed out on this device</h1>
<p>This browser no longer holds your session. Our servers are briefly unavailable, so the session could not be
closed on our side yet; it ends by itself after a few minutes of inactivity.</p>
<p><a href="/login">Go to the sign-in page</a></p></body></html>`;

export function GET() {
  // A link or <img> must not be able to sign anyone out (logout CSRF).
  return NextResponse.json({ error: 'use POST' }, { status: 405, headers: { Allow: 'POST' } });
}
