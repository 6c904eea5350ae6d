// Idle and absolute timeouts, on a second server with tiny limits. Polling the
// status route must not keep an idle session alive.
import { expect, test } from './support/fixtures.ts';
import { startExtraServer, type ExtraServer } from './support/extra-server.ts';
import { fetchWithCookie, sessionCookieValue, signIn } from './support/session.ts';
import { HOME_PATH } from './support/signed-in.ts';

const IDLE_S = 10;
const ABSOLUTE_S = 25;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.describe.configure({ mode: 'serial' });
let server: ExtraServer;

test.beforeAll(async () => {
  server = await startExtraServer({
    database: 'copy',
    env: {
      SESSION_IDLE_TIMEOUT: `${IDLE_S}s`,
      SESSION_ABSOLUTE_TIMEOUT: `${ABSOLUTE_S}s`,
      SESSION_TOUCH_INTERVAL: '1s',
      SESSION_ROTATION_INTERVAL: '1h', // keep rotation out of these timings
    },
  });
});
test.afterAll(async () => {
  await server?.stop();
});

test('an idle session ends: the next request lands on /login?reason=idle', async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, 'alice@example.com', undefined, server.baseURL);
  await page.goto('about:blank'); // the tab is away: no idle warning signs it out first
  await sleep((IDLE_S + 1) * 1000);
  await page.goto(`${server.baseURL}${HOME_PATH}`);
  await expect(page).toHaveURL(/\/login\?reason=idle/);
  await expect(page.getByRole('status')).toContainText(/inactive/i);
});

test('polling /api/session does not keep an idle session alive', async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, 'alice@example.com', undefined, server.baseURL);
  await page.goto('about:blank'); // only this test polls; the idle warning would sign out at the limit itself
  const first = await (await page.request.get(`${server.baseURL}/api/session`)).json();
  expect(first.authenticated).toBe(true);
  let last = first;
  for (let i = 0; i < IDLE_S + 1; i++) {
    await sleep(1000);
    last = await (await page.request.get(`${server.baseURL}/api/session`)).json();
    if (last.authenticated) expect(last.idleExpiresAt).toBe(first.idleExpiresAt); // never extended
  }
  await page.goto(`${server.baseURL}${HOME_PATH}`);
  await expect(page).toHaveURL(/\/login\?reason=idle/);
});

test('prefetches do not count as activity; a real navigation does', async ({ page, context }) => {
  await signIn(page, 'alice@example.com', undefined, server.baseURL);
  await page.goto('about:blank'); // nothing of ours runs in the background now
  const cookie = await sessionCookieValue(context);
  const idleExpiry = async () => ((await (await fetchWithCookie(`${server.baseURL}/api/session`, cookie)).json()) as { idleExpiresAt: string }).idleExpiresAt;
  const before = await idleExpiry();
  await sleep(1500); // past the touch interval: any activity now would move the expiry
  // Next answers an RSC request first with a redirect to its cache-busting `_rsc` URL, as the router would follow.
  const rscFetch = async (path: string, headers: Record<string, string>) => {
    const first = await fetchWithCookie(`${server.baseURL}${path}`, cookie, { headers });
    const location = first.status === 307 ? first.headers.get('location') : null;
    return location?.includes('_rsc=') ? fetchWithCookie(new URL(location, server.baseURL).href, cookie, { headers }) : first;
  };
  for (const path of [HOME_PATH, '/security', '/profile']) {
    // What Next's router sends for a <Link> prefetch; and a browser's speculative prefetch.
    const routerPrefetch = await rscFetch(path, { rsc: '1', 'next-router-prefetch': '1' });
    expect(routerPrefetch.status, `${path} → ${routerPrefetch.headers.get('location')}`).toBe(200);
    expect(await idleExpiry(), `router prefetch of ${path}`).toBe(before);
    await fetchWithCookie(`${server.baseURL}${path}`, cookie, { headers: { 'sec-purpose': 'prefetch' } });
    expect(await idleExpiry(), `speculative prefetch of ${path}`).toBe(before);
  }
  expect(await idleExpiry()).toBe(before);
  // A real navigation is activity (so this test can tell).
  expect((await fetchWithCookie(`${server.baseURL}${HOME_PATH}`, cookie)).status).toBe(200);
  expect(Date.parse(await idleExpiry())).toBeGreaterThan(Date.parse(before));
});

test('an active session still ends at the absolute limit: /login?reason=expired', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'alice@example.com', undefined, server.baseURL);
  await page.goto('about:blank'); // activity comes from the requests below; no idle warning signs out first
  const deadline = Date.now() + (ABSOLUTE_S + 10) * 1000;
  let status = 200;
  while (Date.now() < deadline && status === 200) {
    await sleep(1500); // well inside the idle limit
    status = (await page.request.get(`${server.baseURL}/api/me`)).status();
  }
  expect(status).toBe(401);
  await page.goto(`${server.baseURL}${HOME_PATH}`);
  await expect(page).toHaveURL(/\/login\?reason=expired/);
});
