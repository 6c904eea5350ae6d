// The fleet as it is deployed: two production instances on one PostgreSQL
// behind nginx with TLS, driven by a real Chromium over HTTPS (issue 10, item 2).
// Every response names the instance that answered (X-Strongroom-Instance, on in
// cluster mode only), and each instance can also be asked directly, so each
// claim is checked on the instance that did not do the deed.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';
import { formAlert, INVALID_CREDENTIALS, SIGN_IN_BLOCKED, signOut, submitPassword } from '../auth-helpers.ts';
import { addAuthenticator, registerPasskey, signInWithPasskey } from '../support/passkeys.ts';
import { findNginx } from '../../tools/lib/nginx.ts';
import type { ClusterInstance } from '../../tools/lib/cluster.ts';
import { DEMO_PASSWORD, fetchWithCookie, isLoginPage, plantSessionCookie, sessionCookieValue, sessionTokenOf, setCookieValue, signIn } from '../support/session.ts';
import { createFleetUser, GRACE_MS, newSecret, ROTATION_MS, startFleet, type Fleet } from './fleet.ts';

const INSTANCE_HEADER = 'x-strongroom-instance';
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.describe.configure({ mode: 'serial' });
test.skip(!findNginx(), 'nginx is not installed (apt-get install -y nginx): the multi-instance suite needs it');

let fleet: Fleet;
test.beforeAll(async () => {
  test.setTimeout(300_000); // a production build, if the sources changed
  fleet = await startFleet();
});
test.afterAll(async () => {
  await fleet?.stopAll();
});

/** The instance behind each page the browser navigated to, in order. */
function instancesServing(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', (response) => {
    const name = response.headers()[INSTANCE_HEADER];
    if (name && response.request().resourceType() === 'document') seen.push(name);
  });
  return seen;
}

/**
 * Asks one instance directly, bypassing nginx, whether the browser's cookie is a
 * live session there. A rotation that answer carries goes back into the browser,
 * as it would for a real request.
 */
async function signedInOn(instance: ClusterInstance, context: BrowserContext, cookie?: string): Promise<boolean> {
  const value = cookie ?? (await sessionCookieValue(context));
  const response = await fetchWithCookie(`${instance.directURL}/api/session`, value, { headers: { accept: 'application/json' } });
  const renewed = setCookieValue(response);
  if (renewed && cookie === undefined) await plantSessionCookie(context, renewed, fleet.url);
  expect(response.status).toBe(200);
  return ((await response.json()) as { authenticated: boolean }).authenticated;
}

async function browseDashboard(page: Page, times: number, pauseMs = 0): Promise<void> {
  for (let i = 0; i < times; i++) {
    await page.goto('/dashboard');
    await expect(page, `navigation ${i + 1} of ${times}`).toHaveURL(/\/dashboard$/);
    if (pauseMs) await sleep(pauseMs);
  }
}

/** Navigates until `name` answers (nginx retries a failed instance after fail_timeout); every page must stay signed in. */
async function expectBackInPool(page: Page, served: string[], name: string): Promise<void> {
  served.length = 0;
  const landed: string[] = [];
  await expect
    .poll(async () => (await page.goto('/dashboard'), landed.push(page.url()), served.includes(name)), { timeout: 20_000, intervals: [500] })
    .toBe(true);
  expect(landed.filter(isLoginPage)).toEqual([]);
}

async function signedInContext(browser: Browser, userAgent?: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: fleet.url, ...(userAgent ? { userAgent } : {}) });
  const page = await context.newPage();
  await signIn(page);
  return { context, page };
}

test('plain http redirects to https, and a Host nginx does not serve is refused', async ({ page }) => {
  await page.goto(`${fleet.httpURL}/login?next=%2Fdashboard`);
  expect(page.url()).toBe(`${fleet.url}/login?next=%2Fdashboard`);
  const response = await fetch(fleet.httpURL, { redirect: 'manual', headers: { host: 'evil.example' } });
  expect(response.status).toBe(308);
  expect(response.headers.get('location')).toBe(`${fleet.url}/`); // never the client's Host
});

test('one session reaches every instance, and a sign-in on one is a session on all', async ({ page, context }) => {
  const served = instancesServing(page);
  await signIn(page, 'alice@example.com', DEMO_PASSWORD);
  const cookie = (await context.cookies()).find((c) => c.name === '__Host-session')!;
  expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', domain: 'localhost' });
  await browseDashboard(page, 6);
  expect(new Set(served)).toEqual(new Set(fleet.instances.map((i) => i.name)));
  for (const instance of fleet.instances) expect(await signedInOn(instance, context), instance.name).toBe(true);
});

test('a rotation done by one instance is honoured by the other: new secret accepted, the old one caught as a copy', async ({ page, context }) => {
  const [first, second] = fleet.instances as [ClusterInstance, ClusterInstance];
  await signIn(page);
  const before = await sessionCookieValue(context);
  const original = await sessionTokenOf(before, fleet.secrets);

  await sleep(ROTATION_MS + 300);
  const rotation = await fetchWithCookie(`${first.directURL}/dashboard`, before);
  expect(rotation.headers.get(INSTANCE_HEADER)).toBe(first.name);
  const rotated = setCookieValue(rotation);
  expect(rotated, `${first.name} rotated the cookie`).toBeTruthy();
  const renewed = await sessionTokenOf(rotated!, fleet.secrets);
  expect(renewed.id).toBe(original.id);
  expect(renewed.secret).not.toBe(original.secret);

  // The other instance takes the new secret (its first use) …
  expect(await signedInOn(second, context, rotated)).toBe(true);
  await plantSessionCookie(context, rotated!, fleet.url);
  await browseDashboard(page, 4);
  // … and, once the grace is over, knows the old secret for a copy: the session ends for both holders.
  await sleep(GRACE_MS + 500);
  expect(await signedInOn(second, context, before)).toBe(false);
  await page.goto('/dashboard');
  expect(isLoginPage(page.url())).toBe(true);
});

test('revoking a session on one instance ends it on the other at its very next request', async ({ page, browser }) => {
  await signIn(page);
  const other = await signedInContext(browser, FIREFOX);
  const otherCookie = await sessionCookieValue(other.context);
  for (const instance of fleet.instances) expect(await signedInOn(instance, other.context)).toBe(true);

  await page.goto('/security');
  const row = page.getByTestId('session-row').filter({ hasText: 'Firefox 128 on Windows 10' });
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.headers()[INSTANCE_HEADER] !== undefined);
  await row.getByRole('button', { name: 'Revoke' }).click();
  const revokedBy = (await answered).headers()[INSTANCE_HEADER];
  await expect(page.getByRole('status')).toHaveText('The session was signed out. That device will have to sign in again.');

  const elsewhere = fleet.instances.find((i) => i.name !== revokedBy)!;
  expect(await signedInOn(elsewhere, other.context, await sessionCookieValue(other.context).catch(() => otherCookie))).toBe(false);
  await other.page.goto('/dashboard');
  await expect(other.page).toHaveURL(/\/login\?reason=revoked/);
  await other.context.close();
});

test('"Sign out all other sessions" on one instance ends them on the other at their very next request', async ({ page, browser }) => {
  await signIn(page);
  const others = [await signedInContext(browser, FIREFOX), await signedInContext(browser)];
  const cookies = await Promise.all(others.map((o) => sessionCookieValue(o.context)));

  await page.goto('/security');
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.headers()[INSTANCE_HEADER] !== undefined);
  await page.getByRole('button', { name: 'Sign out all other sessions' }).click();
  const revokedBy = (await answered).headers()[INSTANCE_HEADER];
  await expect(page.getByRole('status')).toHaveText(/^Signed out \d+ other sessions?\.$/);

  const elsewhere = fleet.instances.find((i) => i.name !== revokedBy)!;
  for (const [index, other] of others.entries()) {
    expect(await signedInOn(elsewhere, other.context, cookies[index])).toBe(false);
    await other.page.goto('/dashboard');
    await expect(other.page).toHaveURL(/\/login\?reason=revoked/);
    await other.context.close();
  }
  await browseDashboard(page, 2); // this device is untouched
});

test('stopping one instance loses no session: nginx fails over, also for requests in flight', async ({ page, context }) => {
  const served = instancesServing(page);
  await signIn(page);
  const { id } = await sessionTokenOf(await sessionCookieValue(context), fleet.secrets);

  // JSON requests from the page keep going while app-1 shuts down.
  const inFlight = page.evaluate(async () => {
    const statuses: number[] = [];
    const until = Date.now() + 4_000;
    while (Date.now() < until) statuses.push(...(await Promise.all([1, 2].map(() => fetch('/api/accounts').then((r) => r.status)))));
    return statuses;
  });
  await sleep(500);
  await fleet.stopInstance(0);
  const statuses = await inFlight;
  expect(statuses.length).toBeGreaterThan(4);
  expect(statuses.filter((s) => s !== 200)).toEqual([]);

  served.length = 0;
  await browseDashboard(page, 4);
  expect(new Set(served)).toEqual(new Set(['app-2']));
  expect((await sessionTokenOf(await sessionCookieValue(context), fleet.secrets)).id).toBe(id);

  // Back in the pool: nginx tries it again once its fail_timeout (5 s) is over.
  await fleet.startInstance(0);
  await expectBackInPool(page, served, 'app-1');
});

// Rolling key rotation (ADR 026): instances restarted with "2:new,1:old" keep
// sealing with key 1 for SESSION_KEY_ROLLOUT, so whichever instance a request
// lands on — restarted or not — can read every cookie; once the window has
// passed (every instance knows key 2 by then) cookies move to key 2.
const ROLLOUT_MS = 40_000;
/** The key id an iron-session seal ("Fe26.2*<id>*…") was made with. */
const sealKeyId = (seal: string) => seal.split('*')[1];

/** Browses through nginx (both instances) until `until`; every page must stay signed in. */
async function keepBrowsingUntil(page: Page, until: number): Promise<number> {
  let pages = 0;
  while (Date.now() < until) {
    await browseDashboard(page, 1);
    pages++;
    await sleep(1_000);
  }
  return pages;
}

/** Has `instance` rotate the browser's cookie and returns the new seal. */
async function rotateOn(instance: ClusterInstance, page: Page): Promise<string> {
  const context = page.context();
  await page.goto('about:blank'); // the dashboard's own background requests would rotate the cookie first
  // A secret rotates only once it has been presented (and its grace is over):
  // present the browser's current one — twice, in case the first answer rotated it.
  expect(await signedInOn(instance, context)).toBe(true);
  expect(await signedInOn(instance, context)).toBe(true);
  await sleep(Math.max(ROTATION_MS, GRACE_MS) + 300);
  const response = await fetchWithCookie(`${instance.directURL}/dashboard`, await sessionCookieValue(context));
  const rotated = setCookieValue(response);
  const answer = `${response.status} ${response.headers.get('location') ?? ''} ${response.headers.getSetCookie().map((c) => c.split('=')[0]).join(',')}`;
  expect(rotated, `${instance.name} rotated the cookie (answered ${answer})`).toBeTruthy();
  await plantSessionCookie(context, rotated!, fleet.url);
  return rotated!;
}

test('a rolling restart that gives SESSION_SECRETS a new newest key signs nobody out', async ({ page, context }) => {
  test.setTimeout(240_000);
  const [first, second] = fleet.instances as [ClusterInstance, ClusterInstance];
  const served = instancesServing(page);
  await signIn(page);
  const { id } = await sessionTokenOf(await sessionCookieValue(context), fleet.secrets);
  expect(sealKeyId(await sessionCookieValue(context))).toBe('1');
  const rotatedSecrets = `2:${newSecret()},${fleet.secrets}`;
  const restartEnv = { SESSION_SECRETS: rotatedSecrets, SESSION_KEY_ROLLOUT: `${ROLLOUT_MS}ms` };

  // app-1 restarts with the new key while app-2 serves.
  await fleet.stopInstance(0);
  await browseDashboard(page, 2);
  const firstStarted = Date.now();
  await fleet.startInstance(0, restartEnv);
  await expectBackInPool(page, served, first.name);

  // The mixed moment, made certain: app-1 (knows 1 and 2) rotates the cookie …
  const inWindow = await rotateOn(first, page);
  expect(sealKeyId(inWindow), `${first.name} seals with the key ${second.name} knows while its window lasts`).toBe('1');
  // … and the next request lands on app-2, which has only ever heard of key 1.
  expect(await signedInOn(second, context, inWindow), `${second.name} (old key only) accepts what ${first.name} sealed`).toBe(true);
  expect(Date.now() - firstStarted, 'the rollout reached app-2 within app-1\'s window').toBeLessThan(ROLLOUT_MS);

  await fleet.stopInstance(1);
  await browseDashboard(page, 2);
  await fleet.startInstance(1, restartEnv);
  const secondUp = Date.now();
  await expectBackInPool(page, served, second.name);
  expect(Date.now() - firstStarted, 'app-2 restarted within app-1\'s window (else the test proves nothing)').toBeLessThan(ROLLOUT_MS);
  fleet.secrets = rotatedSecrets;

  // Signed in throughout while both windows run out.
  served.length = 0;
  expect(await keepBrowsingUntil(page, secondUp + ROLLOUT_MS + 1_000)).toBeGreaterThan(5);
  expect(new Set(served)).toEqual(new Set([first.name, second.name]));

  // After the window both seal with key 2, and both honour what the other sealed.
  const byFirst = await rotateOn(first, page);
  expect(sealKeyId(byFirst)).toBe('2');
  expect(await signedInOn(second, context, byFirst)).toBe(true);
  const bySecond = await rotateOn(second, page);
  expect(sealKeyId(bySecond)).toBe('2');
  expect(await signedInOn(first, context, bySecond)).toBe(true);
  // Still the same session (rotated, never re-created), and the browser keeps going through nginx.
  expect((await sessionTokenOf(bySecond, rotatedSecrets)).id).toBe(id);
  await browseDashboard(page, 4);
  expect(sealKeyId(await sessionCookieValue(context))).toBe('2');
});

test('lockout counts failures on every instance together', async ({ page }) => {
  const email = 'bob@example.com';
  const answeredBy: string[] = [];
  page.on('response', (r) => {
    if (r.request().method() === 'POST' && r.headers()[INSTANCE_HEADER]) answeredBy.push(r.headers()[INSTANCE_HEADER]!);
  });
  for (let i = 1; i <= 4; i++) {
    await submitPassword(page, email, `wrong guess ${i}`);
    await expect(formAlert(page)).toHaveText(INVALID_CREDENTIALS);
  }
  // No single instance saw five failures, yet the fifth locks the account …
  expect(new Set(answeredBy).size).toBe(2);
  await submitPassword(page, email, 'wrong guess 5');
  await expect(formAlert(page)).toHaveText(SIGN_IN_BLOCKED);
  // … and the right password is refused on whichever instance answers.
  for (let i = 0; i < 2; i++) {
    await submitPassword(page, email, DEMO_PASSWORD);
    await expect(formAlert(page)).toHaveText(SIGN_IN_BLOCKED);
  }
  expect(new Set(answeredBy).size).toBe(2);
});

test('signing out through nginx lands on the login page of the same HTTPS origin', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${fleet.url}/login?reason=signed-out`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('passkeys over HTTPS through nginx: registered through one instance, signing in through the other', async ({ browser }) => {
  const user = await createFleetUser(fleet, 'cluster-passkey');
  const context = await browser.newContext({ baseURL: fleet.url });
  const page = await context.newPage();
  const served = instancesServing(page);
  const authenticator = await addAuthenticator(page);
  await signIn(page, user.email, user.password);
  await registerPasskey(page, authenticator, 'Cluster laptop', user);
  await signOut(page);
  await signInWithPasskey(page, authenticator, 'signed-in');
  // The ceremonies' requests went round robin: options from one instance, the answer to another (challenges live in the database).
  expect(new Set(served)).toEqual(new Set(fleet.instances.map((i) => i.name)));
  for (const instance of fleet.instances) expect(await signedInOn(instance, context), `a session on ${instance.name}`).toBe(true);
  await context.close();
});
