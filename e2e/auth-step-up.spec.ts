// Step-up re-authentication (ASVS 7.5): session management and credential
// changes need an authentication within SESSION_FRESH_AUTH_WINDOW (money
// movement too: e2e/bank/transfers-step-up.spec.ts).
// "Stale" is arranged by moving the session row's authenticatedAt back in the
// e2e database (an hour ago; the window is 5 minutes) — quicker and more exact
// than waiting, and it changes nothing but the one column under test.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { sessionIdOf } from './support/session.ts';
import { SIGN_IN_BLOCKED, auditCount, createThrowawayUser, sessionCookie, sessionRow, signInAs, unusedTotpCode, type ThrowawayUser, formAlert, submitAndSettle, makeAuthenticationStale } from './auth-helpers.ts';
import { AT_HOME, HOME_PATH, ME_PATH } from './support/signed-in.ts';

async function currentSessionId(context: BrowserContext): Promise<string> {
  return sessionIdOf((await sessionCookie(context))!.value);
}


/** A second browser signed in as `user`: the "other session" the security centre can sign out. */
async function otherSession(browser: Browser, user: ThrowawayUser): Promise<BrowserContext> {
  const other = await browser.newContext();
  await signInAs(await other.newPage(), user);
  return other;
}

const signedIn = async (context: BrowserContext) => (await context.request.get(ME_PATH)).status() === 200;
const signOutOthers = (page: Page) => page.getByRole('button', { name: 'Sign out all other sessions' });

// The neutral sensitive action (ADR 038): "Sign out all other sessions" in the
// security centre needs a recent authentication, bank or no bank.
test('signing out other sessions with a fresh authentication goes straight through', async ({ browser }) => {
  const user = await createThrowawayUser('step-up-fresh');
  const other = await otherSession(browser, user);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, user);
  await page.goto('/security');
  await signOutOthers(page).click();
  await expect(page.getByRole('status')).toHaveText('Signed out 1 other session.');
  expect(await signedIn(other)).toBe(false);
  expect(await signedIn(context)).toBe(true);
  await context.close();
  await other.close();
});

test('signing out other sessions with a stale authentication goes to re-authentication, which regenerates the session and returns to finish it', async ({ browser }) => {
  const user = await createThrowawayUser('step-up-stale');
  const other = await otherSession(browser, user);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, user);
  await page.goto('/security');
  // Time passes on the open page: the button is still there, the authentication is not fresh any more.
  const staleId = await makeAuthenticationStale(context);

  await signOutOthers(page).click();
  await expect(page).toHaveURL(/\/reauth\?next=%2Fsecurity$/);
  await expect(page.getByRole('heading', { name: 'Confirm it’s you' })).toBeVisible();
  expect(await signedIn(other), 'nothing happens before the step-up').toBe(true);

  // A wrong password first: refused, counted.
  await page.getByLabel('Password', { exact: true }).fill('not my password');
  await submitAndSettle(page, page.getByRole('button', { name: /^(Continue|Checking)/ }));
  await expect(formAlert(page)).toHaveText('Your password is incorrect.');
  expect(auditCount('reauth.failure', user.id)).toBe(1);

  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await submitAndSettle(page, page.getByRole('button', { name: /^(Continue|Checking)/ }));
  await expect(page).toHaveURL(/\/security$/);

  // Re-authentication regenerated the session: new id, old one revoked, authenticatedAt now.
  const newId = await currentSessionId(context);
  expect(newId).not.toBe(staleId);
  expect(sessionRow(staleId)?.revokedReason).toBe('login-replaced');
  expect(Date.now() - Date.parse(sessionRow(newId)!.authenticatedAt)).toBeLessThan(60_000);
  expect(auditCount('reauth.success', user.id)).toBe(1);
  expect(await signedIn(other)).toBe(true);

  await signOutOthers(page).click();
  await expect(page.getByRole('status')).toHaveText('Signed out 1 other session.');
  expect(await signedIn(other)).toBe(false);
  expect(await signedIn(context)).toBe(true);
  await context.close();
  await other.close();
});

test('re-authentication asks TOTP users for a code as well', async ({ browser }) => {
  const user = await createThrowawayUser('step-up-totp', { totp: true });
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, user);
  await makeAuthenticationStale(context);

  await page.goto('/security/password');
  await expect(page).toHaveURL(/\/reauth\?next=%2Fsecurity%2Fpassword/);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByLabel('Authentication code').fill('000000');
  await submitAndSettle(page, page.getByRole('button', { name: /^(Continue|Checking)/ }));
  await expect(formAlert(page)).toHaveText('Password or code is incorrect.');

  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByLabel('Authentication code').fill(await unusedTotpCode(user.totpSecret!, user.email));
  await submitAndSettle(page, page.getByRole('button', { name: /^(Continue|Checking)/ }));
  await expect(page).toHaveURL(/\/security\/password$/);
  await expect(page.getByRole('heading', { name: 'Change password' })).toBeVisible();
  await context.close();
});

test('re-authentication returns only to same-site paths (no open redirect)', async ({ browser }) => {
  const user = await createThrowawayUser('step-up-next');
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, user);
  for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
    await page.goto(`/reauth?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await submitAndSettle(page, page.getByRole('button', { name: /^(Continue|Checking)/ }));
    await expect(page).toHaveURL(AT_HOME);
  }
  await context.close();
});

test('wrong passwords on the re-authentication page count toward the lockout; the lock ends the session', async ({ browser }) => {
  const user = await createThrowawayUser('step-up-lock');
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, user);
  await page.goto(`/reauth?next=${HOME_PATH}`);
  for (let i = 1; i <= 5; i++) {
    await page.getByLabel('Password', { exact: true }).fill(`wrong ${i}`);
    await submitAndSettle(page, page.getByRole('button', { name: /^(Continue|Checking)/ }));
    if (i < 5) await expect(formAlert(page)).toHaveText('Your password is incorrect.');
  }
  // The lock revoked every session, this one too: the login page says only that sign-in is blocked.
  await expect(page).toHaveURL(/\/login\?error=blocked$/);
  await expect(formAlert(page)).toHaveText(SIGN_IN_BLOCKED);
  expect(auditCount('login.locked', user.id)).toBe(1);
  await page.goto(HOME_PATH);
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});
