// SSO through next-auth against a real local OpenID Connect provider
// (e2e/support/oidc-provider.ts, started by playwright.config.ts before the app).
// What must hold (docs/decisions/012-sso-with-next-auth.md, 020-sso-link-consent.md):
//  - no automatic linking by email: a new identity whose verified email matches
//    an account signs nobody in; it waits as a pending link, named on the login
//    page, and only that account's owner — after signing in with her password
//    (and code) in the same browser — links it, by pressing "Link this identity"
//    on a page that names the foreign identity (ADR 032). Signing in alone never
//    links: a link planted in a shared browser is not completed by the victim;
//  - a linked identity's sign-in ends in OUR session engine: a fresh
//    __Host-session, the previous session revoked (regeneration);
//  - next-auth keeps nothing: no authjs.* cookie remains, and it never even
//    issues a session token;
//  - a user with TOTP still passes the code step;
//  - the security centre lists linked identities with Unlink (step-up, audited);
//  - an unverified email or an unknown person is refused, no account is made;
//  - next-auth's other endpoints are closed, and a sign-in cannot be started
//    cross-site or finished without the browser's own flow cookies.
import type { BrowserContext, Page, Response } from '@playwright/test';
import { generate } from 'otplib';
import { expect, test } from './support/fixtures.ts';
import { findSession, openE2eDatabase } from './support/database.ts';
import { IDP_ACCOUNTS, IDP_PASSWORD, type IdpAccount } from './support/oidc-provider.ts';
import { DEMO_PASSWORD, getSessionCookie, sessionCookieValue, sessionIdOf, signIn } from './support/session.ts';
import { INVALID_CREDENTIALS, auditCount, cookieNamed, createThrowawayUser, execE2e, formAlert, signInAs, signOut, sqliteDate, submitPassword, unusedTotpCode, makeAuthenticationStale } from './auth-helpers.ts';
import { AT_HOME, HOME_PATH } from './support/signed-in.ts';
import { APP_NAME } from '../lib/config/app-name.ts';

const oidcPort = process.env.E2E_OIDC_PORT;
const issuer = `http://localhost:${oidcPort}`;
const BOB_TOTP_SECRET = 'SWTWTXBRSUVVYRCHL7I5QG6ESA4TLDCG'; // prisma/seed/demo-users.ts

test.skip(!oidcPort, 'E2E_OIDC_PORT is unset: playwright.config.ts does not start the e2e identity provider');

// A hop through the provider and back (discovery, code exchange, JWKS, a page render) on a busy 2-core machine.
const HOP = 15_000;

const isAuthjsCookie = (name: string) => /authjs|next-auth/.test(name);
const PENDING_SSO_LINK_COOKIE = '__Host-sso-link'; // lib/auth/sso/pending-link/pending-link.ts
const LINK_NOTICE = `sign in below with your ${APP_NAME} password`;
const CONFIRM_PATH = /\/security\/sso-link$/; // lib/auth/sso/pending-link/pending-link.ts
const LINK_BUTTON = 'Link this identity'; // lib/auth/sso/constants.ts

const userIdOf = (email: string) => execE2e<{ id: string }>('SELECT id FROM "User" WHERE email = ?', email)[0]!.id;
const linksOf = (subject: string) =>
  execE2e<{ userId: string }>('SELECT userId FROM "ExternalIdentity" WHERE issuer = ? AND subject = ?', issuer, subject);
const pendingLinksOf = (subject: string) => execE2e<{ n: number }>('SELECT COUNT(*) AS n FROM "PendingSsoLink" WHERE subject = ?', subject)[0]!.n;
/** A test that needs alice without any link starts from there (other tests in this file link her). */
const unlinkAliceInDb = () => execE2e('DELETE FROM "ExternalIdentity" WHERE userId = ?', userIdOf('alice@example.com'));

/** The provider keeps its own session (cookies on `localhost`, shared across ports): forget it, so the next round shows its login form. */
const forgetIdpSession = (context: BrowserContext) => context.clearCookies({ name: /^_(session|interaction)/ });

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
async function passBobsCodeStep(page: Page, landing: RegExp = AT_HOME): Promise<void> {
  const refusals: string[] = [];
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const code = attempt === 0 ? await unusedTotpCode(BOB_TOTP_SECRET, 'bob@example.com') : await totpCode(Date.now());
    await page.getByLabel('Authentication code').fill(code);
    // Wait for this submission's answer before looking for its outcome.
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login/mfa'),
      page.getByRole('button', { name: 'Verify' }).click(),
    ]);
    const alert = page.locator('form [role="alert"]');
    const outcome = await Promise.race([
      page.waitForURL(landing, { timeout: 15_000 }).then(() => 'signed-in' as const),
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

test("an identity-provider account with alice's verified email cannot reach alice's data without her password", async ({ page, context }) => {
  test.setTimeout(90_000);
  // Alice has no link, so the matching verified email is all eve has (the old rules signed eve in as alice on it).
  unlinkAliceInDb();
  const aliceId = userIdOf('alice@example.com');
  const requested = auditCount('sso.link_requested', aliceId);

  await signInWithSso(page, IDP_ACCOUNTS.eve);
  await expect(page).toHaveURL(/\/login\?sso=link$/, { timeout: HOP });
  const notice = page.getByTestId('sso-link-notice');
  await expect(notice).toContainText(LINK_NOTICE);
  await expect(notice).toContainText('alice@example.com');
  expect(await getSessionCookie(context)).toBeUndefined();
  expect(await authjsCookieNames(context)).toEqual([]);
  expect(linksOf(IDP_ACCOUNTS.eve.sub)).toEqual([]);
  expect(auditCount('sso.link_requested', aliceId)).toBe(requested + 1);

  // No way in without alice's password.
  for (const path of [HOME_PATH, '/security', '/profile']) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/login/);
  }
  await submitPassword(page, 'alice@example.com', 'not alice’s password');
  await expect(formAlert(page)).toHaveText(INVALID_CREDENTIALS);
  expect(await getSessionCookie(context)).toBeUndefined();
  expect(linksOf(IDP_ACCOUNTS.eve.sub)).toEqual([]);

  // Someone signing in to a different account in this browser does not get eve linked to it —
  // and the pending link is used up, so it cannot attach itself to alice later either.
  const other = await createThrowawayUser('sso-other');
  await signInAs(page, other);
  expect(linksOf(IDP_ACCOUNTS.eve.sub)).toEqual([]);
  expect(pendingLinksOf(IDP_ACCOUNTS.eve.sub)).toBe(0);
  expect(await cookieNamed(context, PENDING_SSO_LINK_COOKIE)).toBeUndefined();
  expect(auditCount('sso.linked', other.id)).toBe(0);
});

test("a link planted in a shared browser: the victim's password sign-in links nothing; only her button on a page naming the foreign identity would", async ({
  page,
  context,
  browser,
}) => {
  test.setTimeout(90_000);
  unlinkAliceInDb();
  const aliceId = userIdOf('alice@example.com');
  const linked = auditCount('sso.linked', aliceId);

  // The attacker, at a shared computer: SSO with her own provider account, which carries alice's verified address.
  await signInWithSso(page, IDP_ACCOUNTS.eve);
  await expect(page).toHaveURL(/\/login\?sso=link$/, { timeout: HOP });
  const notice = page.getByTestId('sso-link-notice');
  await expect(notice).toContainText(IDP_ACCOUNTS.eve.name);
  await expect(notice).toContainText(IDP_ACCOUNTS.eve.sub);
  await expect(notice).toContainText(issuer);

  // Alice comes along and signs in with her password, as she always does.
  await forgetIdpSession(context);
  await submitPassword(page, 'alice@example.com', DEMO_PASSWORD);
  await expect(page).toHaveURL(CONFIRM_PATH);
  expect(linksOf(IDP_ACCOUNTS.eve.sub)).toEqual([]);
  expect(auditCount('sso.linked', aliceId)).toBe(linked);
  const confirmation = page.getByTestId('sso-link-confirmation');
  await expect(confirmation).toContainText(IDP_ACCOUNTS.eve.name);
  await expect(confirmation).toContainText(IDP_ACCOUNTS.eve.sub);
  await expect(confirmation.getByRole('button', { name: LINK_BUTTON })).toBeVisible();

  // Walking away from the question links nothing either.
  await page.goto(HOME_PATH);
  expect(linksOf(IDP_ACCOUNTS.eve.sub)).toEqual([]);

  // A copy of her session cookie in another browser cannot press the button for her: the link is bound to this browser.
  const thief = await browser.newContext();
  try {
    await thief.addCookies([(await getSessionCookie(context))!]);
    const thiefPage = await thief.newPage();
    await thiefPage.goto('/security/sso-link');
    await expect(thiefPage.getByRole('heading', { name: 'No identity to link' })).toBeVisible();
    await expect(thiefPage.getByRole('button', { name: LINK_BUTTON })).toHaveCount(0);
  } finally {
    await thief.close();
  }

  // She does not recognise "Eve": Don't link.
  await page.goto('/security/sso-link');
  await page.getByRole('button', { name: "Don't link" }).click();
  await expect(page).toHaveURL(AT_HOME);
  expect(linksOf(IDP_ACCOUNTS.eve.sub)).toEqual([]);
  expect(pendingLinksOf(IDP_ACCOUNTS.eve.sub)).toBe(0);
  expect(await cookieNamed(context, PENDING_SSO_LINK_COOKIE)).toBeUndefined();
  expect(auditCount('sso.linked', aliceId)).toBe(linked);

  // And eve's identity still signs nobody in.
  await page.goto('about:blank');
  await context.clearCookies();
  await signInWithSso(page, IDP_ACCOUNTS.eve);
  await expect(page).toHaveURL(/\/login\?sso=link$/, { timeout: HOP });
  expect(await getSessionCookie(context)).toBeUndefined();
  await page.getByRole('button', { name: 'Cancel linking' }).click(); // leave no pending row for the next test
  await expect(page).toHaveURL(/\/login$/);
  expect(pendingLinksOf(IDP_ACCOUNTS.eve.sub)).toBe(0);
});

test('"Cancel linking" drops the pending link', async ({ page, context }) => {
  unlinkAliceInDb();
  await signInWithSso(page, IDP_ACCOUNTS.eve);
  await expect(page).toHaveURL(/\/login\?sso=link$/, { timeout: HOP });
  expect(await cookieNamed(context, PENDING_SSO_LINK_COOKIE)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
  expect(pendingLinksOf(IDP_ACCOUNTS.eve.sub)).toBe(1);

  await page.getByRole('button', { name: 'Cancel linking' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('sso-link-notice')).toHaveCount(0);
  expect(pendingLinksOf(IDP_ACCOUNTS.eve.sub)).toBe(0);
  expect(await cookieNamed(context, PENDING_SSO_LINK_COOKIE)).toBeUndefined();
});

test('alice links her identity by signing in with her password; then SSO signs her in: a regenerated __Host-session, no next-auth cookies', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(90_000);
  unlinkAliceInDb();
  const aliceId = userIdOf('alice@example.com');
  const linkedBefore = auditCount('sso.linked', aliceId);
  // A session from before (here: a password sign-in) must be replaced, not reused.
  await signIn(page);
  const before = await sessionCookieValue(context);
  const stopRecording = recordAppSetCookies(page, new URL(baseURL!).origin);

  // First use: not signed in by the identity, asked for the password.
  await signInWithSso(page, IDP_ACCOUNTS.alice);
  await expect(page).toHaveURL(/\/login\?sso=link$/, { timeout: HOP });
  await expect(page.getByTestId('sso-link-notice')).toContainText(LINK_NOTICE);
  expect(linksOf(IDP_ACCOUNTS.alice.sub)).toEqual([]);
  await submitPassword(page, 'alice@example.com', DEMO_PASSWORD);
  await expect(page).toHaveURL(CONFIRM_PATH);
  expect(linksOf(IDP_ACCOUNTS.alice.sub)).toEqual([]);
  await expect(page.getByTestId('sso-link-confirmation')).toContainText('Alice Andersen');
  await page.getByRole('button', { name: LINK_BUTTON }).click();
  await expect(page).toHaveURL(/\/security\?notice=sso-linked/);
  await expect(page.getByTestId('linked-identity')).toContainText(IDP_ACCOUNTS.alice.sub);
  expect(linksOf(IDP_ACCOUNTS.alice.sub)).toEqual([{ userId: aliceId }]);
  expect(auditCount('sso.linked', aliceId)).toBe(linkedBefore + 1);
  const [linkedEvent] = execE2e<{ detail: string }>(
    `SELECT detail FROM "AuditEvent" WHERE type = 'sso.linked' AND userId = ? ORDER BY createdAt DESC LIMIT 1`,
    aliceId,
  );
  expect(JSON.parse(linkedEvent!.detail)).toMatchObject({ issuer, confirmedBy: 'password' });
  expect(await cookieNamed(context, PENDING_SSO_LINK_COOKIE)).toBeUndefined();
  const linkedSession = await sessionCookieValue(context);

  // From now on the identity alone signs her in.
  await forgetIdpSession(context);
  await signInWithSso(page, IDP_ACCOUNTS.alice);
  await expect(page).toHaveURL(AT_HOME, { timeout: HOP });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const setCookies = await stopRecording();

  const cookie = await getSessionCookie(context);
  expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
  expect(cookie!.value).not.toBe(linkedSession);
  expect(await sessionIdOf(cookie!.value)).not.toBe(await sessionIdOf(linkedSession));

  // next-auth's flow cookies were set on the way out and are all gone now…
  expect(setCookies).toContain('__Host-authjs.state');
  expect(await authjsCookieNames(context)).toEqual([]);
  // …and it never issued a session of its own.
  expect(setCookies.filter((name) => name.includes('session-token'))).toEqual([]);

  const db = openE2eDatabase();
  try {
    expect(findSession(db, await sessionIdOf(before))).toMatchObject({ revokedReason: 'login-replaced' });
    expect(findSession(db, await sessionIdOf(linkedSession))).toMatchObject({ revokedReason: 'login-replaced' });
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
  await expect(page).toHaveURL(AT_HOME);
});

test('the security centre lists linked identities; Unlink needs a fresh authentication, is audited, and the next SSO needs consent again', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  const aliceId = userIdOf('alice@example.com');
  unlinkAliceInDb();
  execE2e(
    'INSERT INTO "ExternalIdentity" (id, issuer, subject, userId, email, createdAt) VALUES (?, ?, ?, ?, ?, ?)',
    `e2e-link-${Date.now()}`,
    issuer,
    IDP_ACCOUNTS.alice.sub,
    aliceId,
    'alice@example.com',
    sqliteDate(new Date()),
  );
  const unlinked = auditCount('sso.unlinked', aliceId);
  await signIn(page);
  await page.goto('/security');
  const row = page.getByTestId('linked-identity');
  await expect(row).toHaveCount(1);
  // Named by the provider's identity: its subject and the email it holds there.
  await expect(row).toContainText(IDP_ACCOUNTS.alice.sub);
  await expect(row).toContainText(issuer);
  await expect(row).toContainText('alice@example.com');

  // Stale authentication: Unlink goes to re-authentication first and unlinks nothing.
  await makeAuthenticationStale(context);
  await row.getByRole('button', { name: 'Unlink' }).click();
  await expect(page).toHaveURL(/\/reauth\?next=%2Fsecurity/);
  expect(linksOf(IDP_ACCOUNTS.alice.sub)).toHaveLength(1);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/security$/);

  await page.getByTestId('linked-identity').getByRole('button', { name: 'Unlink' }).click();
  await expect(page).toHaveURL(/\/security\?notice=sso-unlinked$/);
  await expect(page.getByRole('status').filter({ hasText: 'was unlinked' })).toBeVisible();
  await expect(page.getByTestId('linked-identity')).toHaveCount(0);
  await expect(page.getByText('Single sign-on account unlinked')).toBeVisible(); // the security log
  expect(linksOf(IDP_ACCOUNTS.alice.sub)).toEqual([]);
  expect(auditCount('sso.unlinked', aliceId)).toBe(unlinked + 1);

  // The identity is a stranger again: it needs alice's password to be linked anew.
  await page.goto(HOME_PATH);
  await signOut(page);
  await signInWithSso(page, IDP_ACCOUNTS.alice);
  await expect(page).toHaveURL(/\/login\?sso=link$/, { timeout: HOP });
  expect(await getSessionCookie(context)).toBeUndefined();
});

test('bob (TOTP enabled) links only after password and code — the pending link survives the code step — and SSO then still needs the code', async ({
  page,
  context,
}) => {
  test.setTimeout(150_000); // may wait out 30-second TOTP steps (two code steps, and other specs use bob's codes)
  execE2e('DELETE FROM "ExternalIdentity" WHERE userId = ?', userIdOf('bob@example.com'));

  await signInWithSso(page, IDP_ACCOUNTS.bob);
  await expect(page).toHaveURL(/\/login\?sso=link$/, { timeout: HOP });
  await submitPassword(page, 'bob@example.com', DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/login\/mfa$/);
  // The password alone is not a full sign-in: nothing is linked yet, the pending link waits.
  expect(linksOf(IDP_ACCOUNTS.bob.sub)).toEqual([]);
  expect(await cookieNamed(context, PENDING_SSO_LINK_COOKIE)).toBeDefined();
  await passBobsCodeStep(page, CONFIRM_PATH);
  expect(linksOf(IDP_ACCOUNTS.bob.sub)).toEqual([]);
  await expect(page.getByTestId('sso-link-confirmation')).toContainText(IDP_ACCOUNTS.bob.sub);
  await page.getByRole('button', { name: LINK_BUTTON }).click();
  await expect(page).toHaveURL(/\/security\?notice=sso-linked/);
  expect(linksOf(IDP_ACCOUNTS.bob.sub)).toEqual([{ userId: userIdOf('bob@example.com') }]);
  expect(await cookieNamed(context, PENDING_SSO_LINK_COOKIE)).toBeUndefined();

  // Linked: SSO leads to the code step, with no session before it. (Leave the home page
  // first: its session poller would otherwise race the next navigation once the cookie is gone.)
  await page.goto('about:blank');
  await context.clearCookies();
  await signInWithSso(page, IDP_ACCOUNTS.bob);
  await expect(page).toHaveURL(/\/login\/mfa$/, { timeout: HOP });
  expect(await getSessionCookie(context)).toBeUndefined();
  expect(await authjsCookieNames(context)).toEqual([]);

  // The code step cannot be skipped by going straight to the home page.
  await page.goto(HOME_PATH);
  await expect(page).toHaveURL(/\/login/);
  await page.goBack();
  await expect(page).toHaveURL(/\/login\/mfa$/);

  await passBobsCodeStep(page);
  await expect(page).toHaveURL(AT_HOME);
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
  await expect(page.getByRole('alert').filter({ hasText: `There is no ${APP_NAME} account for that identity` })).toBeVisible();
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
