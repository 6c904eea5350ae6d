import { NextResponse, type NextRequest } from 'next/server';
import { getCurrentSession } from '@/lib/dal/session';
import { recordAuditEvent } from '@/lib/audit';
import { db } from '@/lib/db';
import { isSameOriginRequest } from '@/lib/http/same-origin';
import { deleteSessionCookie, sessionEngine } from '@/lib/session';

// Sign out is a route handler, not a server action, because it must send
// Clear-Site-Data, and only route handlers can set arbitrary headers. Route
// handlers get no CSRF check from Next, so the Origin is checked here.
export async function POST(request: NextRequest) {
  if (!isSameOriginRequest(request)) {
    return NextResponse.json({ error: 'cross-origin request refused' }, { status: 403 });
  }
  const current = await getCurrentSession();
  if (current.status === 'authenticated') {
    await sessionEngine.invalidateSession(current.session.id, 'logout', { context: current.context });
    await recordAuditEvent(db, { type: 'logout', userId: current.user.id, sessionId: current.session.id, ...current.context });
  }
  const response = NextResponse.redirect(new URL('/login?reason=signed-out', request.url), 303);
  deleteSessionCookie(response.cookies);
  response.headers.set('Clear-Site-Data', '"cache", "cookies", "storage"');
  response.headers.set('Cache-Control', 'no-store');
  return response;
}

export function GET() {
  // A link or <img> must not be able to sign anyone out (logout CSRF).
  return NextResponse.json({ error: 'use POST' }, { status: 405, headers: { Allow: 'POST' } });
}
