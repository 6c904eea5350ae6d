// The idle-timeout warning, against an extra server with a short idle timeout
// (the main e2e server's 10 minutes would make this spec slow):
//   SESSION_IDLE_TIMEOUT=20s   (the warning shows at half of it: 10 s before)
//   SESSION_TOUCH_INTERVAL=1s  (shorter than the warning lead, so "Stay" extends)
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { startExtraServer, type ExtraServer } from './support/extra-server.ts';
import { expect, test } from './support/fixtures.ts';
import { getSessionCookie, signIn } from './support/session.ts';
import { AT_HOME, HOME_PATH } from './support/signed-in.ts';

test.describe.configure({ timeout: 120_000 });

let server: ExtraServer;
let baseURL: string;
test.beforeAll(async ({ request }) => {
  server = await startExtraServer({
    database: 'copy',
    env: { SESSION_IDLE_TIMEOUT: '20s', SESSION_TOUCH_INTERVAL: '1s', SESSION_ROTATION_INTERVAL: '1h' },
  });
  baseURL = server.baseURL;
  // A cold server's first sign-in can outlast the sign-in helper's patience.
  await request.get(`${baseURL}/login`);
});
test.afterAll(async () => {
  await server?.stop();
});

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Are you still there?' });

async function secondsLeft(page: Page): Promise<number> {
  const [minutes, seconds] = (await dialog(page).locator('.countdown').innerText()).split(':').map(Number);
  return minutes! * 60 + seconds!;
}

async function idleExpiresAt(page: Page): Promise<number> {
  const status = (await (await page.request.get(`${baseURL}/api/session`)).json()) as { idleExpiresAt: string };
  return Date.parse(status.idleExpiresAt);
}

test('warns before the idle limit with a live countdown, and "Stay signed in" keeps the session', async ({ page }) => {
  await signIn(page, undefined, undefined, baseURL);
  await expect(dialog(page)).toBeHidden();
  await expect(dialog(page)).toBeVisible({ timeout: 20_000 });

  // Announced as a modal dialog, focus inside it on the safe choice.
  await expect(page.getByRole('button', { name: 'Stay signed in' })).toBeFocused();
  await expect(dialog(page)).toContainText('you will be signed out in');
  const first = await secondsLeft(page);
  expect(first).toBeLessThanOrEqual(10);
  await expect.poll(() => secondsLeft(page), { timeout: 5_000 }).toBeLessThan(first);

  // Focus stays in the dialog: the page behind it is inert.
  for (let i = 0; i < 4; i += 1) {
    await page.keyboard.press('Tab');
    const outside = await page.evaluate(() => {
      const active = document.activeElement;
      return active !== null && active !== document.body && !active.closest('dialog');
    });
    expect(outside).toBe(false);
  }
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations).toEqual([]);

  const before = await idleExpiresAt(page);
  await page.getByRole('button', { name: 'Stay signed in' }).click();
  await expect(dialog(page)).toBeHidden();
  expect(await idleExpiresAt(page)).toBeGreaterThan(before);
  await page.waitForTimeout(3_000);
  await expect(page).toHaveURL(AT_HOME);
});

test('Escape means "stay"', async ({ page }) => {
  await signIn(page, undefined, undefined, baseURL);
  await expect(dialog(page)).toBeVisible({ timeout: 20_000 });
  const before = await idleExpiresAt(page);
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
  expect(await idleExpiresAt(page)).toBeGreaterThan(before);
});

test('ignoring the warning signs out (POST /logout) and lands on /login?reason=idle', async ({ page }) => {
  await signIn(page, undefined, undefined, baseURL);
  await expect(dialog(page)).toBeVisible({ timeout: 20_000 });
  const signOut = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/logout', { timeout: 20_000 });
  const signOutResponse = await (await signOut).response();
  expect((await signOutResponse?.allHeaders())?.['clear-site-data']).toBe('"cache", "cookies", "storage"');
  await expect(page).toHaveURL(/\/login\?reason=idle$/, { timeout: 20_000 });
  expect(await getSessionCookie(page.context())).toBeUndefined();
  await expect(page.getByText('You were signed out because you were inactive')).toBeVisible();
  // And the session really is over on the server.
  const status = (await (await page.request.get(`${baseURL}/api/session`)).json()) as { authenticated: boolean };
  expect(status.authenticated).toBe(false);
});

test('activity in another tab keeps the session, and the warning goes away by itself', async ({ page, context }) => {
  await signIn(page, undefined, undefined, baseURL);
  await expect(dialog(page)).toBeVisible({ timeout: 20_000 });
  const other = await context.newPage();
  await other.goto(`${baseURL}${HOME_PATH}`); // activity: touches the session
  await expect(dialog(page)).toBeHidden({ timeout: 15_000 });
  await expect(page).toHaveURL(AT_HOME);
});
