import 'server-only';
// A mailed link's token leaves the URL at once (ADR 040): the link's route
// moves it into an HttpOnly __Host- cookie and redirects to the page that uses
// it, so the address bar, the history and any Referer carry no token.
// SameSite=Lax: the link is opened from a mail client, a cross-site navigation.
// Every flow that mails a link (reset, verification, invitation) does it here.
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { expireCookie, sessionCookieOptions } from '../../session/cookie';
import { parseEmailToken } from './token';

export type LinkCookie = { name: `__Host-${string}`; ttlMs: number; page: string };

/** The link's GET: the token (if it has our shape) into the cookie, then a 303 to `cookie.page`. Nothing is looked up. */
export function moveLinkTokenToCookie(token: string | null, cookie: LinkCookie): NextResponse {
  // A relative Location, as app/logout does: behind a TLS proxy request.url may name the internal origin.
  // Referrer-Policy: no-referrer comes from next.config.mjs (its static headers would override one set here).
  const response = new NextResponse(null, { status: 303, headers: { Location: cookie.page, 'Cache-Control': 'no-store' } });
  if (token && parseEmailToken(token)) response.cookies.set(cookie.name, token, { ...sessionCookieOptions, maxAge: Math.floor(cookie.ttlMs / 1000) });
  return response;
}

export async function readLinkCookie(cookie: LinkCookie): Promise<string | undefined> {
  return (await cookies()).get(cookie.name)?.value;
}

export async function clearLinkCookie(cookie: LinkCookie): Promise<void> {
  expireCookie(await cookies(), cookie.name);
}
