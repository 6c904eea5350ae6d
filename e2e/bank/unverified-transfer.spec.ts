// An account whose email is not verified (a sign-up, ADR 045) signs in but
// moves no money: the transfer page says so, a transfer is refused with the
// way out, and once the owner verifies (a new link from the profile page) the
// same transfer goes through. Uses support/users.ts, so it runs on PostgreSQL too.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';
import { submitAndSettle, submitPassword } from '../auth-helpers.ts';
import { e2eBaseURL } from '../support/environment.ts';
import { linkIn, readMail } from '../support/mail.ts';
import { createE2eUser } from '../support/users.ts';
import { APP_NAME } from '../../lib/config/app-name.ts';

test.describe.configure({ timeout: 120_000 });

const REFUSED = 'Verify your email address before sending money: open the link we emailed you, or ask for a new one on your profile.';

async function sendToSavings(page: Page, amount: string): Promise<void> {
  await page.goto('/transfers/new');
  const select = page.getByLabel('To', { exact: true });
  await select.selectOption((await select.locator('option', { hasText: 'E2E Savings' }).first().getAttribute('value'))!);
  await page.getByLabel('Amount', { exact: true }).fill(amount);
  await page.getByRole('button', { name: 'Send money' }).click();
}

test('an unverified account is refused a transfer; after verifying by a resent link, the same transfer is sent', async ({ page }) => {
  const user = await createE2eUser('unverified', { unverified: true, accounts: true });
  await submitPassword(page, user.email, user.password);
  await expect(page).not.toHaveURL(/\/login/);

  await page.goto('/transfers/new');
  await expect(page.getByRole('status').filter({ hasText: 'Verify your email address to send money' })).toBeVisible();
  await sendToSavings(page, '12.34');
  await expect(page.getByRole('alert', { name: REFUSED })).toBeVisible();
  await expect(page).toHaveURL(/\/transfers\/new$/);

  // The profile offers a new link.
  const asked = new Date(Date.now() - 1_000);
  await page.goto('/profile');
  await expect(page.getByRole('heading', { name: 'Verify your email address' })).toBeVisible();
  await submitAndSettle(page, page.getByRole('button', { name: /^(Send the link again|Sending…)$/ }));
  await expect(page.getByRole('status').filter({ hasText: `We've sent a new link to ${user.email}.` })).toBeVisible();
  const link = linkIn(await readMail(user.email, `Verify your email for ${APP_NAME}`, { after: asked }), `${e2eBaseURL}/verify-email?token=`);
  await page.goto(link);
  await submitAndSettle(page, page.getByRole('button', { name: /^Verify(ing)? email/ }));
  await expect(page).toHaveURL(/\/profile\?email=verified$/);
  await expect(page.getByRole('status').filter({ hasText: 'Your email address is verified.' })).toBeVisible();

  await sendToSavings(page, '12.34');
  await expect(page.getByRole('heading', { name: 'Transfer sent' })).toBeVisible();
  await expect(page.locator('dl.receipt')).toContainText('€12.34');
});
