import 'server-only';
// The browser's passkey sign-in attempt: a random token in a short-lived
// `__Host-` cookie. Discoverable sign-in has no user yet, so its challenges are
// bound to SHA-256 of this token — answerable only from the browser that asked.
import { randomBytes } from 'node:crypto';
import { cookies } from 'next/headers';
import { sessionCookieOptions } from '../../session';

export const PASSKEY_ATTEMPT_COOKIE = '__Host-passkey-attempt';
const ATTEMPT_TOKEN = /^[A-Za-z0-9_-]{43}$/;
const ATTEMPT_TTL_SECONDS = 300;

/** The current attempt token; with `create`, a new one (set as a cookie) when there is none. */
export async function passkeyAttemptToken(create: boolean): Promise<string | undefined> {
  const store = await cookies();
  const existing = store.get(PASSKEY_ATTEMPT_COOKIE)?.value;
  if (existing && ATTEMPT_TOKEN.test(existing)) return existing;
  if (!create) return undefined;
  const token = randomBytes(32).toString('base64url');
  store.set(PASSKEY_ATTEMPT_COOKIE, token, { ...sessionCookieOptions, maxAge: ATTEMPT_TTL_SECONDS });
  return token;
}
