// The security centre: sessions per device, "This device", revoking one and
// signing out all others (each effective at the other browser's next
// request), the security log in plain words, and fresh authentication.
// A throwaway user per test: signing out "all other sessions" of a shared demo
// user would sign out the other specs running in parallel.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test, watchCsp, type CspViolation } from './support/fixtures.ts';
import { createThrowawayUser, execE2e, signInAs, type ThrowawayUser, makeAuthenticationStale } from './auth-helpers.ts';
import { AT_HOME, HOME_PATH } from './support/signed-in.ts';

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

async function signedInBrowser(browser: Browser, user: ThrowawayUser, violations: CspViolation[], userAgent?: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(userAgent ? { userAgent } : {});
  watchCsp(context, violations);
  const page = await context.newPage();
  await signInAs(page, user);
  return { context, page };
}

/** The browser's next request to a protected page lands on the sign-in page. */
async function expectSignedOut(page: Page) {
  await page.goto(HOME_PATH);
  await expect(page).toHaveURL(/\/login\?reason=revoked/);
  await expect(page.getByText('Your session has ended')).toBeVisible();
}

test('lists each device, marks this one, and revoking another signs it out at its next request', async ({ page, browser, cspViolations }) => {
  const user = await createThrowawayUser('centre');
  await signInAs(page, user);
  const b = await signedInBrowser(browser, user, cspViolations, FIREFOX);

  await page.goto('/security');
  const sessions = page.getByRole('region', { name: 'Where you’re signed in' });
  const rows = sessions.getByTestId('session-row');
  await expect(rows).toHaveCount(2);
  const mine = rows.filter({ hasText: 'This device' });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText('Headless Chrome');
  await expect(mine.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
  const other = rows.filter({ hasText: 'Firefox 128 on Windows 10' });
  await expect(other).toContainText(/Last active .* · IP \S+/);
  await expect(other).toContainText(/Signed in \d+ \w+ \d{4}, \d\d:\d\d/);

  await other.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByRole('status')).toHaveText('The session was signed out. That device will have to sign in again.');
  await expect(rows).toHaveCount(1);

  await expectSignedOut(b.page);
  // This device is untouched.
  await page.goto(HOME_PATH);
  await expect(page).toHaveURL(AT_HOME);

  const events = page.getByRole('region', { name: 'Recent security events' });
  await page.goto('/security');
  await expect(events).toContainText('A session was signed out from the security centre');
  await expect(events).toContainText('Signed in with password');
  await b.context.close();
});

test('"Sign out all other sessions" ends every other session and keeps this one', async ({ page, browser, cspViolations }) => {
  const user = await createThrowawayUser('centre');
  await signInAs(page, user);
  const b = await signedInBrowser(browser, user, cspViolations, FIREFOX);
  const c = await signedInBrowser(browser, user, cspViolations, IPHONE);

  await page.goto('/security');
  await expect(page.getByTestId('session-row')).toHaveCount(3);
  await expect(page.getByTestId('session-row').filter({ hasText: 'Safari 17 on iPhone' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out all other sessions' }).click();
  await expect(page.getByRole('status')).toHaveText('Signed out 2 other sessions.');
  await expect(page.getByTestId('session-row')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Sign out all other sessions' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Recent security events' })).toContainText('Signed out 2 other sessions');

  await expectSignedOut(b.page);
  await expectSignedOut(c.page);
  await page.goto(HOME_PATH);
  await expect(page).toHaveURL(AT_HOME);
  await b.context.close();
  await c.context.close();
});

test('the security centre and its actions need a recent authentication', async ({ page, browser, cspViolations }) => {
  const user = await createThrowawayUser('centre');
  await signInAs(page, user);
  const b = await signedInBrowser(browser, user, cspViolations, FIREFOX);
  await page.goto('/security');
  await expect(page.getByTestId('session-row')).toHaveCount(2);

  // Time passes: the sign-in is no longer fresh.
  await makeAuthenticationStale(page.context());

  // The page was already open; its Revoke button posts the action, which checks again.
  await page.getByRole('button', { name: 'Revoke' }).click();
  await expect(page).toHaveURL(/\/reauth\?next=%2Fsecurity$/);
  const [otherSession] = execE2e<{ n: number }>('SELECT COUNT(*) AS n FROM "Session" WHERE userId = ? AND revokedAt IS NULL', user.id);
  expect(otherSession!.n).toBe(2);

  await page.goto('/security');
  await expect(page).toHaveURL(/\/reauth\?next=%2Fsecurity$/);
  await b.context.close();
});

test('shows MFA status from the account and links to the MFA and password pages', async ({ page }) => {
  const withMfa = await createThrowawayUser('centre-mfa', { totp: true });
  await signInAs(page, withMfa);
  await page.goto('/security');
  const settings = page.getByRole('region', { name: 'Sign-in settings' });
  await expect(settings.getByText('On', { exact: true })).toBeVisible();
  await expect(settings.getByRole('link', { name: 'Manage two-step verification' })).toHaveAttribute('href', '/security/mfa');
  await expect(settings.getByRole('link', { name: 'Change password' })).toHaveAttribute('href', '/security/password');
});
