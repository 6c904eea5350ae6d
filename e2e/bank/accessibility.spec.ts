// The demo bank's pages under axe (e2e/support/axe.ts), desktop and phone width;
// the pages every app keeps are in e2e/accessibility.spec.ts.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';
import { expectNoAxeViolations as expectNoViolations, VIEWPORTS } from '../support/axe.ts';
import { signIn } from '../support/session.ts';

async function checkingAccountPath(page: Page): Promise<string> {
  await page.goto('/dashboard');
  return (await page.getByRole('region', { name: 'Your accounts' }).getByRole('link', { name: /Everyday Checking/ }).getAttribute('href'))!;
}

for (const viewport of VIEWPORTS) {
  test.describe(`${viewport.name} (${viewport.width}px)`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test('dashboard', async ({ page }) => {
      await signIn(page);
      await page.goto('/dashboard');
      await page.locator('figure.chart svg').waitFor();
      await expectNoViolations(page, '/dashboard');
      await page.getByText('Show month-end balances as a table').click();
      await expectNoViolations(page, '/dashboard (table open)');
    });

    test('account page, also with a filter error', async ({ page }) => {
      await signIn(page);
      const account = await checkingAccountPath(page);
      await page.goto(account);
      await expectNoViolations(page, 'account page');
      await page.goto(`${account}?q=market&min=abc`);
      await expectNoViolations(page, 'account page with a filter error');
    });

    test('transfer page, also with errors', async ({ page }) => {
      await signIn(page);
      await page.goto('/transfers/new');
      await expectNoViolations(page, '/transfers/new');
      await page.getByRole('button', { name: 'Send money' }).click();
      await expect(page.getByRole('alert', { name: /transfer was not sent/ })).toBeVisible();
      await expectNoViolations(page, '/transfers/new with errors');
    });

    test('not-found inside the signed-in area', async ({ page }) => {
      await signIn(page);
      expect((await page.goto('/accounts/not-a-real-id'))?.status()).toBe(404);
      await expectNoViolations(page, 'not found (account)');
    });
  });
}
