// The one definition of the session cookie. `__Host-` makes the browser insist
// on Secure, Path=/ and no Domain; HttpOnly keeps it from scripts; SameSite=Lax
// keeps it off cross-site subrequests and POSTs. No Max-Age: it is a browser-
// session cookie, and the server-side timeouts are what end a session.
import type { SessionToken } from './token';

export const SESSION_COOKIE_NAME = '__Host-session';

/**
 * Request header middleware sets when it rotated the cookie in this request.
 * It only ever withholds confirmation of the new secret, so a forged one gains
 * an attacker nothing; middleware strips any incoming copy.
 */
export const ROTATED_IN_THIS_REQUEST = 'x-strongroom-session-rotated';

export const sessionCookieOptions = {
  httpOnly: true,
  secure: true,
  sameSite: 'lax',
  path: '/',
} as const;

/** Anything with Next's cookie `set` (ResponseCookies, the cookies() store). */
type CookieWriter = {
  set(name: string, value: string, options: typeof sessionCookieOptions & { maxAge?: number; expires?: Date }): unknown;
};

export function setSessionCookie(cookies: CookieWriter, sealedValue: string): void {
  cookies.set(SESSION_COOKIE_NAME, sealedValue, sessionCookieOptions);
}

/** Deletes with the same attributes it was set with, or browsers ignore a `__Host-` deletion. */
export function deleteSessionCookie(cookies: CookieWriter): void {
  cookies.set(SESSION_COOKIE_NAME, '', { ...sessionCookieOptions, maxAge: 0, expires: new Date(0) });
}

export type { SessionToken };
