// axe (WCAG 2.0/2.1 A and AA rules) on every main page, desktop and phone
// width, with 0 violations allowed. Also: keyboard users can reach the content.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { signIn } from './support/session.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function expectNoViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

async function checkingAccountPath(page: Page): Promise<string> {
  await page.goto('/dashboard');
  return (await page.getByRole('region', { name: 'Your accounts' }).getByRole('link', { name: /Everyday Checking/ }).getAttribute('href'))!;
}

for (const viewport of [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test.describe(`${viewport.name} (${viewport.width}px)`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test('login page', async ({ page }) => {
      await page.goto('/login');
      await expectNoViolations(page, '/login');
      await page.goto('/login?reason=idle');
      await expectNoViolations(page, '/login?reason=idle');
    });

    test('password reset pages', async ({ page }) => {
      await page.goto('/forgot-password');
      await expectNoViolations(page, '/forgot-password');
      await page.goto('/reset-password/new'); // no link in this browser: the "expired or used" answer
      await expectNoViolations(page, '/reset-password/new');
    });

    test('dashboard', async ({ page }) => {
      await signIn(page);
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

    test('security centre and not-found pages', async ({ page }) => {
      await signIn(page);
      await page.goto('/security');
      await expectNoViolations(page, '/security');
      expect((await page.goto('/accounts/not-a-real-id'))?.status()).toBe(404);
      await expectNoViolations(page, 'not found');
    });

    test('re-authentication page', async ({ page }) => {
      await signIn(page);
      const response = await page.goto('/reauth?next=%2Fsecurity');
      test.skip(response?.status() === 404, 'the re-authentication page (/reauth) is not built yet');
      await expectNoViolations(page, '/reauth');
    });
  });
}

test('keyboard: the first Tab shows a skip link that moves focus to the content', async ({ page }) => {
  await signIn(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
});

test('keyboard: focus is always visible', async ({ page }) => {
  await signIn(page);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab'); // the brand link in the top bar
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe('none');
});
