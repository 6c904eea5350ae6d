import 'server-only';
// The "pending login" between the first factor (password or SSO) and the TOTP
// step: a short-lived iron-session seal in its own `__Host-` cookie. It is not a
// session — nothing in the app accepts it as one — and it is single-use: its
// random nonce is consumed in the database when the code step succeeds.
// docs/decisions/011-mfa-pending-login.md
import { cookies } from 'next/headers';
import { env, sessionKeys } from '../../env';
import { expireCookie, sessionCookieOptions } from '../../session';
import { consumePendingLoginNonce, isPendingLoginNonceUsed } from '../../dal/pending-logins';
import { createPendingLoginSealer, type PendingLogin, type PendingLoginMethod } from './pending-login-seal';

export type { PendingLogin, PendingLoginMethod };

export const PENDING_LOGIN_COOKIE_NAME = '__Host-pending-login';

const sealer = createPendingLoginSealer({ keys: sessionKeys, ttlMs: env.PENDING_LOGIN_TTL });

/** Seals a new pending login into its cookie. Returns what was sealed. */
export async function startPendingLogin(
  input: { userId: string; method: PendingLoginMethod; next: string },
  now: Date = new Date(),
): Promise<PendingLogin> {
  const { pending, sealed } = await sealer.seal(input, now);
  (await cookies()).set(PENDING_LOGIN_COOKIE_NAME, sealed, {
    ...sessionCookieOptions,
    maxAge: Math.ceil(env.PENDING_LOGIN_TTL / 1000),
  });
  return pending;
}

/** The current pending login, if the cookie holds a valid, unexpired, unused one. Does not consume it. */
export async function readPendingLogin(now: Date = new Date()): Promise<PendingLogin | undefined> {
  const value = (await cookies()).get(PENDING_LOGIN_COOKIE_NAME)?.value;
  if (!value) return undefined;
  const result = await sealer.unseal(value, now);
  if (!result.ok || (await isPendingLoginNonceUsed(result.pending))) return undefined;
  return result.pending;
}

/**
 * Marks the pending login as used (atomically, across instances). False when it
 * was already consumed — a replayed cookie. Deletes the cookie either way.
 */
export async function consumePendingLogin(pending: PendingLogin): Promise<boolean> {
  await clearPendingLoginCookie();
  return consumePendingLoginNonce(pending, env.PENDING_LOGIN_TTL);
}

/** Deletes the pending-login cookie (with the attributes it was set with). */
export async function clearPendingLoginCookie(): Promise<void> {
  expireCookie(await cookies(), PENDING_LOGIN_COOKIE_NAME);
}
