// The ground the security suite stands on: the server is up, the login page is
// usable, and its scripts run under the CSP (no violations, the page hydrates).
import { expect, test } from './support/fixtures.ts';

test('GET /api/health answers 200 {"status":"ok"}', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/json');
  expect(await response.json()).toEqual({ status: 'ok' });
});

test('/login renders a labelled sign-in form', async ({ page }) => {
  const response = await page.goto('/login');
  expect(response?.status()).toBe(200);
  await expect(page.getByLabel('Email', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Password', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('/login runs its scripts without CSP violations', async ({ page, cspViolations }) => {
  await page.goto('/login', { waitUntil: 'networkidle' });
  // Next's client runtime sets window.next when it boots: proof the scripts were
  // allowed to run, not merely that the HTML arrived.
  await expect
    .poll(() => page.evaluate(() => typeof (window as { next?: { version?: string } }).next?.version), {
      message: 'Next.js client runtime booted (window.next)',
    })
    .toBe('string');
  expect(cspViolations).toEqual([]);
});
