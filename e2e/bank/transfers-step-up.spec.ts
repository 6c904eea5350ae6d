// Step-up for money (ASVS 7.5): a transfer between own accounts above
// TRANSFER_STEP_UP_THRESHOLD_MINOR needs an authentication within the fresh-auth
// window. "Stale" is arranged by moving the session row's authenticatedAt back.
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';
import { sessionIdOf } from '../support/session.ts';
import { auditCount, createThrowawayUser, execE2e, formAlert, makeAuthenticationStale, sessionCookie, sessionRow, signInAs, submitAndSettle, type ThrowawayUser } from '../auth-helpers.ts';

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
