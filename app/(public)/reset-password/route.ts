// The link in the reset mail: /reset-password?token=<id>.<secret>. Moves the
// token into a short-lived HttpOnly cookie and redirects to the form, so the
// token is in neither the address bar, the history nor a Referer (ADR 040).
// Nothing is looked up here: the form page says whether the link still works.
import { NextResponse, type NextRequest } from 'next/server';
import { parseEmailToken } from '@/lib/auth/email-token';
import { setResetCookie } from '@/lib/auth/password-reset';

export function GET(request: NextRequest): NextResponse {
  const token = request.nextUrl.searchParams.get('token');
  // A relative Location, as app/logout does: behind a TLS proxy request.url may name the internal origin.
  const response = new NextResponse(null, {
    status: 303,
    // Referrer-Policy: no-referrer comes from next.config.mjs (its static headers would override one set here).
    headers: { Location: '/reset-password/new', 'Cache-Control': 'no-store' },
  });
  if (token && parseEmailToken(token)) setResetCookie(response.cookies, token);
  return response;
}
