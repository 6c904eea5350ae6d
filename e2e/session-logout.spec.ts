// Logout ends the session on the server: the pre-logout cookie, replayed from
// another browser, gets the login page, and data routes answer 401.
import { expect, test } from './support/fixtures.ts';
import { fetchWithCookie, getSessionCookie, plantSessionCookie, sessionCookieValue, signIn } from './support/session.ts';

test('the pre-logout cookie replayed from a second context gets the login page; APIs answer 401 JSON', async ({ page, context, browser, baseURL }) => {
  await signIn(page);
  const copied = await sessionCookieValue(context);

  const logoutResponse = page.waitForResponse((r) => r.url().endsWith('/logout') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Sign out' }).click();
  const logout = await logoutResponse;
  expect((await logout.allHeaders())['clear-site-data']).toBe('"cache", "cookies", "storage"');
  await expect(page).toHaveURL(/\/login\?reason=signed-out/);
  expect(await getSessionCookie(context)).toBeUndefined();

  const replay = await browser.newContext();
  await plantSessionCookie(replay, copied, baseURL!);
  const replayPage = await replay.newPage();
  await replayPage.goto('/dashboard');
  await expect(replayPage).toHaveURL(/\/login/);
  await replay.close();

  const api = await fetchWithCookie(`${baseURL}/api/accounts`, copied);
  expect(api.status).toBe(401);
  expect(api.headers.get('content-type')).toContain('application/json');
  expect(await api.json()).toEqual({ error: 'unauthenticated' });
});

test('the back button after logout shows no account data', async ({ page }) => {
  await signIn(page);
  await expect(page.getByText('Everyday Checking').first()).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goBack();
  await expect(page.getByText('Everyday Checking')).toHaveCount(0);
});

test('logout refuses GET and cross-origin POSTs', async ({ baseURL }) => {
  expect((await fetch(`${baseURL}/logout`, { redirect: 'manual' })).status).toBe(405);
  const forged = await fetch(`${baseURL}/logout`, { method: 'POST', redirect: 'manual', headers: { origin: 'https://evil.example' } });
  expect(forged.status).toBe(403);
  const noOrigin = await fetch(`${baseURL}/logout`, { method: 'POST', redirect: 'manual' });
  expect(noOrigin.status).toBe(403);
});
