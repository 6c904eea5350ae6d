// SSO through next-auth against a real local OpenID Connect provider
// (e2e/support/oidc-provider.ts, started by playwright.config.ts before the app).
// What must hold (docs/decisions/012-sso-with-next-auth.md):
//  - a sign-in ends in OUR session engine: a fresh __Host-session, the previous
//    session revoked (regeneration), the identity linked by verified email;
//  - next-auth keeps nothing: no authjs.* cookie remains, and it never even
//    issues a session token;
//  - a user with TOTP still passes the code step;
//  - an unverified email or an unknown person is refused, no account is made;
//  - next-auth's other endpoints are closed, and a sign-in cannot be started
//    cross-site or finished without the browser's own flow cookies.
import type { BrowserContext, Page, Response } from '@playwright/test';
import { generate } from 'otplib';
import { expect, test } from './support/fixtures.ts';
import { findSession, openE2eDatabase } from './support/database.ts';
import { IDP_ACCOUNTS, IDP_PASSWORD, type IdpAccount } from './support/oidc-provider.ts';
import { getSessionCookie, sessionCookieValue, sessionIdOf, signIn } from './support/session.ts';

const oidcPort = process.env.E2E_OIDC_PORT;
const issuer = `http://localhost:${oidcPort}`;
const BOB_TOTP_SECRET = 'SWTWTXBRSUVVYRCHL7I5QG6ESA4TLDCG'; // prisma/seed/demo-users.ts

test.skip(!oidcPort, 'E2E_OIDC_PORT is unset: playwright.config.ts does not start the e2e identity provider');

// A hop through the provider and back (discovery, code exchange, JWKS, a page render) on a busy 2-core machine.
const HOP = 15_000;

const isAuthjsCookie = (name: string) => /authjs|next-auth/.test(name);

async function authjsCookieNames(context: BrowserContext): Promise<string[]> {
  return (await context.cookies()).filter((c) => isAuthjsCookie(c.name)).map((c) => c.name);
}

/** Starts recording the cookie names the app sets on responses to this page; the returned function stops and reports. */
function recordAppSetCookies(page: Page, appOrigin: string): () => Promise<string[]> {
  const pending: Promise<string[]>[] = [];
  const listener = (response: Response) => {
    if (new URL(response.url()).origin !== appOrigin) return;
    pending.push(
      response
        .headersArray()
        .then((headers) => headers.filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value.split('=')[0]!.trim()))
        .catch(() => []),
    );
  };
  page.on('response', listener);
  return async () => {
    page.off('response', listener);
    return (await Promise.all(pending)).flat();
  };
}

/** From our login page through the provider's sign-in form, back to the app. */
async function signInWithSso(page: Page, account: IdpAccount, loginPath = '/login'): Promise<void> {
  await page.goto(loginPath);
  await page.getByRole('link', { name: 'Continue with SSO' }).click();
  await expect(page).toHaveURL((url) => url.origin === issuer && url.pathname.startsWith('/interaction/'), { timeout: HOP });
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(IDP_PASSWORD);
  await page.getByRole('button', { name: 'Sign in to the identity provider' }).click();
  await page.waitForURL((url) => url.origin !== issuer, { timeout: HOP });
}

const totpCode = (at: number) =>
  generate({ secret: BOB_TOTP_SECRET, epoch: Math.floor(at / 1000), algorithm: 'sha1', digits: 6, period: 30 });

/**
 * Enters bob's current code. Other specs sign bob in on the same server, and a
 * code is single-use per 30-second step; if this step was taken, wait for the next.
 */
async function passBobsCodeStep(page: Page): Promise<void> {
  const refusals: string[] = [];
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await page.getByLabel('Authentication code').fill(await totpCode(Date.now()));
    // Wait for this submission's answer before looking for its outcome.
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login/mfa'),
      page.getByRole('button', { name: 'Verify' }).click(),
    ]);
    const alert = page.locator('form [role="alert"]');
    const outcome = await Promise.race([
      page.waitForURL(/\/dashboard/, { timeout: 15_000 }).then(() => 'signed-in' as const),
      alert.waitFor({ timeout: 15_000 }).then(() => 'refused' as const),
    ]);
    if (outcome === 'signed-in') return;
    refusals.push(await alert.innerText());
    const nextStep = (Math.floor(Date.now() / 30_000) + 1) * 30_000;
    await page.waitForTimeout(nextStep - Date.now() + 500);
    await page.goto('/login/mfa'); // a clean form: no alert left from this attempt
  }
  throw new Error(`bob's TOTP code was refused three times: ${refusals.join(' | ')}`);
}

test('alice signs in with SSO: dashboard, a regenerated __Host-session, no next-auth cookies, a verified-email link', async ({
  page,
  context,
  baseURL,
}) => {
  // A session from before (here: a password sign-in) must be replaced, not reused.
  await signIn(page);
  const before = await sessionCookieValue(context);
  const stopRecording = recordAppSetCookies(page, new URL(baseURL!).origin);

  await signInWithSso(page, IDP_ACCOUNTS.alice);
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: HOP });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const setCookies = await stopRecording();

  const cookie = await getSessionCookie(context);
  expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
  expect(cookie!.value).not.toBe(before);
  expect(await sessionIdOf(cookie!.value)).not.toBe(await sessionIdOf(before));

  // next-auth's flow cookies were set on the way out and are all gone now…
  expect(setCookies).toContain('__Host-authjs.state');
  expect(await authjsCookieNames(context)).toEqual([]);
  // …and it never issued a session of its own.
  expect(setCookies.filter((name) => name.includes('session-token'))).toEqual([]);

  const db = openE2eDatabase();
  try {
    expect(findSession(db, await sessionIdOf(before))).toMatchObject({ revokedReason: 'login-replaced' });
    const link = db
      .prepare('SELECT e.email AS email, u.email AS userEmail FROM ExternalIdentity e JOIN User u ON u.id = e.userId WHERE e.issuer = ? AND e.subject = ?')
      .get(issuer, IDP_ACCOUNTS.alice.sub);
    expect(link).toEqual({ email: 'alice@example.com', userEmail: 'alice@example.com' });
    const success = db
      .prepare("SELECT detail FROM AuditEvent WHERE type = 'login.success' AND sessionId = ?")
      .get(await sessionIdOf(cookie!.value)) as { detail: string } | undefined;
    expect(JSON.parse(success!.detail)).toMatchObject({ method: 'sso' });
  } finally {
    db.close();
  }

  // The new session works beyond the first page.
  await page.reload();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test('bob (TOTP enabled) must pass the code step after SSO; no session before it', async ({ page, context }) => {
  test.setTimeout(120_000); // may wait out a 30-second TOTP step another spec used
  await signInWithSso(page, IDP_ACCOUNTS.bob);
  await expect(page).toHaveURL(/\/login\/mfa$/, { timeout: HOP });
  expect(await getSessionCookie(context)).toBeUndefined();
  expect(await authjsCookieNames(context)).toEqual([]);

  // The code step cannot be skipped by going straight to the dashboard.
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login/);
  await page.goBack();
  await expect(page).toHaveURL(/\/login\/mfa$/);

  await passBobsCodeStep(page);
  await expect(page).toHaveURL(/\/dashboard$/);
  expect(await getSessionCookie(context)).toBeDefined();
  expect(await authjsCookieNames(context)).toEqual([]);
});

test('an unverified email is refused, even one that matches an account', async ({ page, context }) => {
  await signInWithSso(page, IDP_ACCOUNTS.mallory);
  await expect(page).toHaveURL(/\/login\?sso=unverified$/, { timeout: HOP });
  await expect(page.getByRole('alert').filter({ hasText: 'has not verified the email address' })).toBeVisible();
  expect(await getSessionCookie(context)).toBeUndefined();
  expect(await authjsCookieNames(context)).toEqual([]);

  const db = openE2eDatabase();
  try {
    expect(db.prepare('SELECT COUNT(*) AS n FROM ExternalIdentity WHERE subject = ?').get(IDP_ACCOUNTS.mallory.sub)).toEqual({ n: 0 });
  } finally {
    db.close();
  }
});

test('a verified identity without a Strongroom account is refused, and no account is created', async ({ page, context }) => {
  await signInWithSso(page, IDP_ACCOUNTS.carol);
  await expect(page).toHaveURL(/\/login\?sso=no-account$/, { timeout: HOP });
  await expect(page.getByRole('alert').filter({ hasText: 'There is no Strongroom account for that identity' })).toBeVisible();
  expect(await getSessionCookie(context)).toBeUndefined();
  expect(await authjsCookieNames(context)).toEqual([]);

  const db = openE2eDatabase();
  try {
    expect(db.prepare('SELECT COUNT(*) AS n FROM User WHERE email = ?').get(IDP_ACCOUNTS.carol.email)).toEqual({ n: 0 });
  } finally {
    db.close();
  }
});

test('cancelling at the provider returns to the login page, signed out, without next-auth cookies', async ({ page, context }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Continue with SSO' }).click();
  await expect(page).toHaveURL((url) => url.origin === issuer, { timeout: HOP });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(/\/login\?sso=failed$/, { timeout: HOP });
  await expect(page.getByRole('alert').filter({ hasText: 'Single sign-on did not complete' })).toBeVisible();
  expect(await getSessionCookie(context)).toBeUndefined();
  expect(await authjsCookieNames(context)).toEqual([]);
});

test('next-auth exposes only its callback; a callback without this browser\'s flow cookies signs nobody in', async ({ request }) => {
  for (const path of ['/api/auth/session', '/api/auth/csrf', '/api/auth/providers', '/api/auth/signin', '/api/auth/signout', '/api/auth/signin/oidc']) {
    expect((await request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
  }
  expect((await request.post('/api/auth/callback/oidc', { maxRedirects: 0 })).status()).toBe(405);

  // A forged or replayed callback (e.g. an attacker's own code: login CSRF) has no state/PKCE cookies.
  const forged = await request.get('/api/auth/callback/oidc?code=attacker-code&state=x&iss=' + encodeURIComponent(issuer), {
    maxRedirects: 0,
  });
  expect(forged.status()).toBeGreaterThanOrEqual(300);
  expect(forged.status()).toBeLessThan(400);
  expect(forged.headers().location).toBe('/login?sso=failed');
  expect(forged.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith('__Host-session='))).toEqual([]);
});

test('another site cannot start an SSO sign-in (Fetch Metadata), our own link can', async ({ request }) => {
  const crossSite = await request.get('/login/sso', {
    maxRedirects: 0,
    headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
  });
  expect(crossSite.headers().location).toBe('/login');
  expect(crossSite.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie')).toEqual([]);

  const sameOrigin = await request.get('/login/sso', {
    maxRedirects: 0,
    headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
  });
  const location = new URL(sameOrigin.headers().location!);
  expect(location.origin).toBe(issuer);
  expect(location.searchParams.get('code_challenge_method')).toBe('S256');
  expect(location.searchParams.get('state')).toBeTruthy();
  expect(location.searchParams.get('nonce')).toBeTruthy();
});
