// next-auth's cookies, named and scoped by us rather than by next-auth's
// http-vs-https guess: every one is `__Host-` (Secure, Path=/, no Domain —
// like our session cookie, which already requires https or localhost),
// HttpOnly, SameSite=Lax, and the flow cookies live 15 minutes at most.
// SameSite=Lax is what lets state/PKCE/nonce come back on the provider's
// top-level redirect to our callback (a GET; we do not use response_mode=form_post).
//
// None of them outlives a sign-in: the callback deletes every `authjs.*` cookie
// the browser sent, with these same attributes (browsers ignore a `__Host-`
// deletion without Secure and Path=/). docs/decisions/012-sso-with-next-auth.md
import { expireCookie, sessionCookieOptions, type CookieWriter } from '../../session/cookie.ts';

const FLOW_COOKIE_MAX_AGE = 15 * 60; // seconds; next-auth seals state/PKCE/nonce for 15 minutes too

// The same attributes as our own session cookie: one definition.
export const authjsCookieAttributes = sessionCookieOptions;

const cookie = (name: string, maxAge?: number) => ({
  name: `__Host-authjs.${name}`,
  options: { ...authjsCookieAttributes, ...(maxAge ? { maxAge } : {}) },
});

/** next-auth's `cookies` option. */
export const authjsCookies = {
  // Never written in practice: the jwt callback returns null (no next-auth session).
  sessionToken: cookie('session-token'),
  callbackUrl: cookie('callback-url', FLOW_COOKIE_MAX_AGE),
  // Not written either: the sign-in starts server-side (no next-auth CSRF form).
  csrfToken: cookie('csrf-token', FLOW_COOKIE_MAX_AGE),
  pkceCodeVerifier: cookie('pkce.code_verifier', FLOW_COOKIE_MAX_AGE),
  state: cookie('state', FLOW_COOKIE_MAX_AGE),
  nonce: cookie('nonce', FLOW_COOKIE_MAX_AGE),
  webauthnChallenge: cookie('challenge', FLOW_COOKIE_MAX_AGE),
};

/**
 * next-auth's cookies under any name it has used: ours (`__Host-authjs.*`), its
 * own defaults (`authjs.*`, `__Secure-authjs.*`, `__Host-authjs.csrf-token`),
 * chunks (`….0`, `….1`) and v4's `next-auth.*`.
 */
export function isAuthjsCookieName(name: string): boolean {
  return /^(?:__Secure-|__Host-)?(?:authjs|next-auth)\./.test(name);
}

/** Expires each of `names` (those next-auth owns) with the attributes they were set with. */
export function expireAuthjsCookies(writer: CookieWriter, names: Iterable<string>): string[] {
  const expired: string[] = [];
  for (const name of new Set(names)) {
    if (!isAuthjsCookieName(name)) continue;
    expireCookie(writer, name);
    expired.push(name);
  }
  return expired;
}
