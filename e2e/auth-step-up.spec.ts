// Step-up re-authentication (ASVS 7.5): money movement above the threshold and
// credential changes need an authentication within SESSION_FRESH_AUTH_WINDOW.
// "Stale" is arranged by moving the session row's authenticatedAt back in the
// e2e database (an hour ago; the window is 5 minutes) — quicker and more exact
// than waiting, and it changes nothing but the one column under test.
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { sessionIdOf } from './support/session.ts';
import { SIGN_IN_BLOCKED, auditCount, createThrowawayUser, execE2e, sessionCookie, sessionRow, signInAs, unusedTotpCode, type ThrowawayUser, formAlert, submitAndSettle, makeAuthenticationStale } from './auth-helpers.ts';

async function currentSessionId(context: BrowserContext): Promise<string> {
  return sessionIdOf((await sessionCookie(context))!.value);
}


/** Fills the transfer form: savings → checking, above the 1,000.00 threshold. */
async function fillLargeTransfer(page: Page, user: ThrowawayUser): Promise<void> {
  await page.goto('/transfers/new');
  await page.getByLabel('From', { exact: true }).selectOption(user.accountIds!.savings);
  await page.getByLabel('To', { exact: true }).selectOption(`account:${user.accountIds!.checking}`);
  await page.getByLabel('Amount').fill('1500.00');
}

test('a large transfer with a fresh authentication goes straight through', async ({ browser }) => {
  const user = await createThrowawayUser('step-up-fresh', { accounts: true });
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, user);
  await fillLargeTransfer(page, user);
  await page.getByRole('button', { name: 'Send money' }).click();
  await expect(page).toHaveURL(/\/transfers\/(?!new)[^/?]+$/);
  await expect(page.getByRole('heading', { name: 'Transfer sent' })).toBeVisible();
  await context.close();
});

test('a large transfer with a stale authentication goes to re-authentication, which regenerates the session and returns to finish it', async ({ browser }) => {
  const user = await createThrowawayUser('step-up-stale', { accounts: true });
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, user);
  const staleId = await makeAuthenticationStale(context);

  await fillLargeTransfer(page, user);
  await page.getByRole('button', { name: 'Send money' }).click();
  await expect(page).toHaveURL(/\/reauth\?next=/);
  await expect(page.getByRole('heading', { name: 'Confirm it’s you' })).toBeVisible();
  expect(execE2e<{ n: number }>('SELECT COUNT(*) AS n FROM "Transfer" WHERE userId = ?', user.id)[0]!.n).toBe(0);

  // A wrong password first: refused, counted.
  await page.getByLabel('Password', { exact: true }).fill('not my password');
  await submitAndSettle(page, page.getByRole('button', { name: /^(Continue|Checking)/ }));
  await expect(formAlert(page)).toHaveText('Your password is incorrect.');
  expect(auditCount('reauth.failure', user.id)).toBe(1);

  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await submitAndSettle(page, page.getByRole('button', { name: /^(Continue|Checking)/ }));
  await expect(page).toHaveURL(/\/transfers\/new\?.*confirm=1/);
  await expect(page.getByLabel('Amount')).toHaveValue('1500.00');

  // Re-authentication regenerated the session: new id, old one revoked, authenticatedAt now.
  const newId = await currentSessionId(context);
  expect(newId).not.toBe(staleId);
  expect(sessionRow(staleId)?.revokedReason).toBe('login-replaced');
  expect(Date.now() - Date.parse(sessionRow(newId)!.authenticatedAt)).toBeLessThan(60_000);
  expect(auditCount('reauth.success', user.id)).toBe(1);

  await page.getByRole('button', { name: 'Send money' }).click();
  await expect(page.getByRole('heading', { name: 'Transfer sent' })).toBeVisible();
  expect(execE2e<{ n: number }>('SELECT COUNT(*) AS n FROM "Transfer" WHERE userId = ?', user.id)[0]!.n).toBe(1);
  await context.close();
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
    await expect(page).toHaveURL(/\/dashboard$/);
  }
  await context.close();
});

test('wrong passwords on the re-authentication page count toward the lockout; the lock ends the session', async ({ browser }) => {
  const user = await createThrowawayUser('step-up-lock');
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, user);
  await page.goto('/reauth?next=/dashboard');
  for (let i = 1; i <= 5; i++) {
    await page.getByLabel('Password', { exact: true }).fill(`wrong ${i}`);
    await submitAndSettle(page, page.getByRole('button', { name: /^(Continue|Checking)/ }));
    if (i < 5) await expect(formAlert(page)).toHaveText('Your password is incorrect.');
  }
  // The lock revoked every session, this one too: the login page says only that sign-in is blocked.
  await expect(page).toHaveURL(/\/login\?error=blocked$/);
  await expect(formAlert(page)).toHaveText(SIGN_IN_BLOCKED);
  expect(auditCount('login.locked', user.id)).toBe(1);
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});
