// Logout ends the session on the server: the pre-logout cookie, replayed from
// another browser, gets the login page, and data routes answer 401.
import { expect, test } from './support/fixtures.ts';
import { startExtraServer } from './support/extra-server.ts';
import { e2eSessionPolicy } from './support/environment.ts';
import { rotateAndMoveOn } from './support/rotation-server.ts';
import {
  fetchWithCookie,
  getSessionCookie,
  plantSessionCookie,
  sealSessionCookie,
  sessionCookieValue,
  signIn,
  SESSION_COOKIE,
} from './support/session.ts';
import { HOME_PATH, expectNoSignedInShell, expectSignedIn } from './support/signed-in.ts';

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
  await replayPage.goto(HOME_PATH);
  await expect(replayPage).toHaveURL(/\/login/);
  await replay.close();

  const api = await fetchWithCookie(`${baseURL}/api/me`, copied);
  expect(api.status).toBe(401);
  expect(api.headers.get('content-type')).toContain('application/json');
  expect(await api.json()).toEqual({ error: 'unauthenticated' });
});

test('the back button after logout shows no signed-in page', async ({ page }) => {
  await signIn(page);
  await expectSignedIn(page, 'Alice Andersen');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goBack();
  await expectNoSignedInShell(page);
  await expect(page.getByText('Alice Andersen')).toHaveCount(0);
});

test('logout refuses GET and cross-origin POSTs', async ({ baseURL }) => {
  expect((await fetch(`${baseURL}/logout`, { redirect: 'manual' })).status).toBe(405);
  const forged = await fetch(`${baseURL}/logout`, { method: 'POST', redirect: 'manual', headers: { origin: 'https://evil.example' } });
  expect(forged.status).toBe(403);
  const noOrigin = await fetch(`${baseURL}/logout`, { method: 'POST', redirect: 'manual' });
  expect(noOrigin.status).toBe(403);
});

/** The response's deletion of the session cookie, with the attributes a browser needs to honour it. */
function expectsCookieDeletion(response: Response) {
  const deletion = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=;`));
  expect(deletion, 'no deletion of the session cookie').toBeDefined();
  expect(deletion).toMatch(/Max-Age=0/i);
  expect(deletion).toMatch(/Secure/i);
  expect(deletion).toMatch(/Path=\//i);
  expect(response.headers.get('clear-site-data')).toBe('"cache", "cookies", "storage"');
}

test('a stale cookie, two rotations old, still ends the session it names', async ({ page, context, baseURL }) => {
  await signIn(page);
  const stale = await sessionCookieValue(context);
  const rotationMs = Number.parseInt(e2eSessionPolicy.SESSION_ROTATION_INTERVAL) * 1000;
  const graceMs = Number.parseInt(e2eSessionPolicy.SESSION_ROTATION_GRACE); // "1500ms"
  for (let rotation = 1; rotation <= 2; rotation++) await rotateAndMoveOn(page, { baseURL: baseURL!, rotationMs, graceMs });
  const current = await sessionCookieValue(context);

  const logout = await fetchWithCookie(`${baseURL}/logout`, stale, { method: 'POST', headers: { origin: baseURL! } });
  expect(logout.status).toBe(303);
  expect(logout.headers.get('location')).toMatch(/\/login\?reason=signed-out$/);
  expectsCookieDeletion(logout);
  // The owner's current cookie no longer opens anything: the session is over.
  expect((await fetchWithCookie(`${baseURL}/api/me`, current)).status).toBe(401);
});

test('with the database down, sign-out still removes the cookie and says so with a 503', async () => {
  const server = await startExtraServer({ database: 'shared', env: { DATABASE_URL: 'postgresql://strongroom@127.0.0.1:9/unreachable' } });
  try {
    const cookie = await sealSessionCookie({ id: 'e2e-session-of-someone', secret: 'x'.repeat(43) });
    const logout = await fetchWithCookie(`${server.baseURL}/logout`, cookie, { method: 'POST', headers: { origin: server.baseURL } });
    expect(logout.status).toBe(503);
    expectsCookieDeletion(logout);
    const page = await logout.text();
    expect(page).toContain('Signed out on this device');
    expect(page).not.toMatch(/at \w+ \(|Error:|ECONNREFUSED/); // no stack trace, no internals
  } finally {
    await server.stop();
  }
});

test('sign-out accepts the origin a proxy forwards (X-Forwarded-Host), as Next does for Server Actions', async ({ baseURL }) => {
  const viaProxy = await fetch(`${baseURL}/logout`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: 'https://bank.example', 'x-forwarded-host': 'bank.example' },
  });
  expect(viaProxy.status).toBe(303);
  const mismatch = await fetch(`${baseURL}/logout`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: 'https://evil.example', 'x-forwarded-host': 'bank.example' },
  });
  expect(mismatch.status).toBe(403);
});
