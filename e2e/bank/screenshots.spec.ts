// Not a test: regenerates docs/screenshots/*.png (desktop 1280×800, phone
// 390×844) of the main pages. Opt-in, so the normal suite skips it:
//   SCREENSHOTS=1 npx playwright test e2e/screenshots.spec.ts
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';
import { signIn } from '../support/session.ts';

test.skip(!process.env.SCREENSHOTS, 'opt-in: SCREENSHOTS=1 regenerates docs/screenshots/');
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const OUT = path.join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

const sizes = [
  { name: 'desktop', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  { name: 'phone', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 },
] as const;

async function shoot(page: Page, name: string, size: string) {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(OUT, `${name}-${size}.png`) });
}

/** A second signed-in device, so the sessions list shows more than one. */
async function phoneSession(browser: Browser) {
  const context = await browser.newContext({ userAgent: IPHONE });
  const page = await context.newPage();
  await signIn(page);
  return { context, page };
}

async function signOut(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/login/);
}

for (const size of sizes) {
  test(`${size.name}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: size.viewport, deviceScaleFactor: size.deviceScaleFactor });
    const page = await context.newPage();
    await page.goto('/login');
    await shoot(page, 'login', size.name);

    await signIn(page);
    await page.locator('figure.chart svg').waitFor();
    await shoot(page, 'dashboard', size.name);

    await page.getByRole('region', { name: 'Your accounts' }).getByRole('link', { name: /Everyday Checking/ }).click();
    await expect(page.getByText(/Showing 1–25/)).toBeVisible();
    await shoot(page, 'account', size.name);

    await page.goto('/transfers/new');
    const to = page.getByLabel('To', { exact: true });
    await to.selectOption((await to.locator('option', { hasText: 'Rainy Day Savings' }).getAttribute('value'))!);
    await page.getByLabel('Amount', { exact: true }).fill('250.00');
    await page.getByLabel(/Reference/).fill('Summer holiday');
    await shoot(page, 'transfer', size.name);

    const other = await phoneSession(browser);
    await page.goto('/security');
    await shoot(page, 'security', size.name);
    // Both sign out, so the next size's sessions list shows two devices, not four.
    await signOut(other.page);
    await signOut(page);
    await other.context.close();
    await context.close();
  });
}
