// The one definition of the session cookie. `__Host-` makes the browser insist
// on Secure, Path=/ and no Domain; HttpOnly keeps it from scripts; SameSite=Lax
// keeps it off cross-site subrequests and POSTs. No Max-Age: it is a browser-
// session cookie, and the server-side timeouts are what end a session.

export const SESSION_COOKIE_NAME = '__Host-session';

export const sessionCookieOptions = {
  httpOnly: true,
  secure: true,
  sameSite: 'lax',
  path: '/',
} as const;

/** Anything with Next's cookie `set` (ResponseCookies, the cookies() store). */
export type CookieWriter = {
  set(name: string, value: string, options: typeof sessionCookieOptions & { maxAge?: number; expires?: Date }): unknown;
};

export function setSessionCookie(cookies: CookieWriter, sealedValue: string): void {
  cookies.set(SESSION_COOKIE_NAME, sealedValue, sessionCookieOptions);
}

/**
 * Expires a cookie set with these attributes (ours, the pending login,
 * next-auth's): a `__Host-` deletion without Secure and Path=/ is ignored by
 * browsers and the cookie would survive.
 */
export function expireCookie(cookies: CookieWriter, name: string): void {
  cookies.set(name, '', { ...sessionCookieOptions, maxAge: 0, expires: new Date(0) });
}

export function deleteSessionCookie(cookies: CookieWriter): void {
  expireCookie(cookies, SESSION_COOKIE_NAME);
}
