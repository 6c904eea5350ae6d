import 'server-only';
// The reset link's token leaves the URL at once (ADR 040): /reset-password
// moves it into this cookie and redirects, so the address bar, the history and
// any Referer carry no token. HttpOnly, __Host-, SameSite=Lax (the link is
// opened from a mail client, a cross-site navigation), for the link's lifetime.
import { cookies } from 'next/headers';
import { expireCookie, sessionCookieOptions, type CookieWriter } from '../../session/cookie';
import { RESET_LINK_TTL_MS } from './request';

export const RESET_COOKIE_NAME = '__Host-password-reset';

export function setResetCookie(writer: CookieWriter, token: string): void {
  writer.set(RESET_COOKIE_NAME, token, { ...sessionCookieOptions, maxAge: RESET_LINK_TTL_MS / 1000 });
}

export async function readResetCookie(): Promise<string | undefined> {
  return (await cookies()).get(RESET_COOKIE_NAME)?.value;
}

export async function clearResetCookie(): Promise<void> {
  expireCookie(await cookies(), RESET_COOKIE_NAME);
}
