import 'server-only';
// A mailed link's token leaves the URL at once (ADR 040): the link's route
// moves it into an HttpOnly __Host- cookie (SameSite=Lax: the link is opened
// from a mail client, a cross-site navigation) for the link's lifetime and
// redirects to the page that uses it, so the address bar, the history and any
// Referer carry no token. One cookie name per purpose.
import { cookies } from 'next/headers';
import { NextResponse, type NextRequest } from 'next/server';
import { expireCookie, sessionCookieOptions, type CookieWriter } from '../../session/cookie';
import { parseEmailToken } from './token';

export function setEmailTokenCookie(writer: CookieWriter, name: string, token: string, ttlMs: number): void {
  writer.set(name, token, { ...sessionCookieOptions, maxAge: ttlMs / 1000 });
}

export async function readEmailTokenCookie(name: string): Promise<string | undefined> {
  return (await cookies()).get(name)?.value;
}

export async function clearEmailTokenCookie(name: string): Promise<void> {
  expireCookie(await cookies(), name);
}

/** The GET a mailed link opens: 303 to `location`, with the token (if it has our shape) in the cookie `name`. Nothing is looked up here. */
export function landOnEmailLink(request: NextRequest, options: { cookie: string; ttlMs: number; location: string }): NextResponse {
  const token = request.nextUrl.searchParams.get('token');
  // A relative Location, as app/logout does: behind a TLS proxy request.url may name the internal origin.
  const response = new NextResponse(null, {
    status: 303,
    // Referrer-Policy: no-referrer comes from next.config.mjs (its static headers would override one set here).
    headers: { Location: options.location, 'Cache-Control': 'no-store' },
  });
  if (token && parseEmailToken(token)) setEmailTokenCookie(response.cookies, options.cookie, token, options.ttlMs);
  return response;
}
