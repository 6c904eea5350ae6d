// Signing in through the real login form, and reading or planting the session
// cookie the way an attacker with cookie access could.
import type { BrowserContext, Cookie, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { sealData, unsealData } from 'iron-session';
import { parseSessionSecrets } from '../../lib/config/secrets.ts';
import { e2eSessionSecrets } from './environment.ts';
import { AT_HOME } from './signed-in.ts';

export const SESSION_COOKIE = '__Host-session';
export const DEMO_PASSWORD = 'correct-horse-battery-staple';

export async function signIn(page: Page, email = 'alice@example.com', password = DEMO_PASSWORD, baseURL = ''): Promise<void> {
  await page.goto(`${baseURL}/login`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // argon2 on a busy 2-core machine, and a cold server's first render, can take seconds.
  await expect(page).toHaveURL(AT_HOME, { timeout: 15_000 });
}

export async function getSessionCookie(context: BrowserContext): Promise<Cookie | undefined> {
  return (await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE);
}

export async function sessionCookieValue(context: BrowserContext): Promise<string> {
  const cookie = await getSessionCookie(context);
  if (!cookie) throw new Error('no session cookie');
  return cookie.value;
}

export async function plantSessionCookie(context: BrowserContext, value: string, baseURL: string): Promise<void> {
  // `domain` without a leading dot is host-only here (Chromium refuses a `url` for __Host- cookies).
  const domain = new URL(baseURL).hostname;
  await context.addCookies([{ name: SESSION_COOKIE, value, domain, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }]);
}

function e2eKeys(secrets: string) {
  const keys = parseSessionSecrets(secrets);
  if (typeof keys === 'string') throw new Error(keys);
  return keys;
}

/** What a sealed cookie carries — readable here only because the suite knows the server's key. */
export async function sessionTokenOf(cookieValue: string, secrets: string = e2eSessionSecrets): Promise<{ id: string; secret: string }> {
  const data = await unsealData<{ id?: string; secret?: string }>(cookieValue, { password: e2eKeys(secrets), ttl: 0 });
  if (!data.id || !data.secret) throw new Error('cookie does not unseal under the e2e secrets');
  return { id: data.id, secret: data.secret };
}

export async function sessionIdOf(cookieValue: string, secrets: string = e2eSessionSecrets): Promise<string> {
  return (await sessionTokenOf(cookieValue, secrets)).id;
}

/** An authentic cookie for a session id of our choosing (as only the server, or this suite, can make). */
export async function sealSessionCookie(token: { id: string; secret: string }, secrets: string = e2eSessionSecrets): Promise<string> {
  return sealData({ ...token, iat: Date.now() }, { password: e2eKeys(secrets), ttl: 3600 });
}

export function isLoginPage(url: string): boolean {
  return new URL(url).pathname === '/login';
}

/** One raw request with exactly this cookie and no cookie jar (fetch, manual redirects). */
export function fetchOnceWithCookie(url: string, cookieValue: string | null, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (cookieValue !== null) headers.set('cookie', `${SESSION_COOKIE}=${cookieValue}`);
  return fetch(url, { ...init, headers, redirect: 'manual' });
}

/** A 307 back to the very URL asked for: the server sending a stale secret back to be retried (ADR 035). */
export function isSentBack(response: Response, url: string): boolean {
  return response.status === 307 && response.headers.get('location') !== null && new URL(response.headers.get('location')!, url).href === new URL(url).href;
}

/**
 * A client holding only this cookie, as a browser whose jar has nothing newer:
 * it follows "sent back" 307s with the same cookie (up to Safari's 16
 * redirects); other redirects are returned, not followed.
 */
export async function fetchWithCookie(url: string, cookieValue: string | null, init: RequestInit = {}): Promise<Response> {
  let response = await fetchOnceWithCookie(url, cookieValue, init);
  for (let hop = 1; hop < 16 && isSentBack(response, url); hop++) response = await fetchOnceWithCookie(url, cookieValue, init);
  return response;
}

export function setCookieValue(response: Response): string | undefined {
  for (const header of response.headers.getSetCookie()) {
    const match = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(header);
    if (match) return match[1];
  }
  return undefined;
}
