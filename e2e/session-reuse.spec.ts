// Reuse detection: the old cookie replayed after the grace window, once the new
// one has been used, means two parties hold the session → both are rejected.
// A rotation whose response never arrived is re-issued instead.
import { expect, test } from './support/fixtures.ts';
import { countAuditEvents, findSession, openE2eDatabase } from './support/database.ts';
import type { ExtraServer } from './support/extra-server.ts';
import { GRACE_MS as graceMs, ROTATION_MS as rotationMs, sleep, startRotationServer } from './support/rotation-server.ts';
import { fetchWithCookie, plantSessionCookie, sessionCookieValue, sessionIdOf, setCookieValue, signIn } from './support/session.ts';

let server: ExtraServer;
test.beforeAll(async () => {
  server = await startRotationServer();
});
test.afterAll(async () => {
  await server?.stop();
});

test('a stolen old cookie replayed after the grace window revokes the session for both holders', async ({ page, context, browser }) => {
  const baseURL = server.baseURL;
  await signIn(page, undefined, undefined, baseURL);
  const stolen = await sessionCookieValue(context);
  const sessionId = await sessionIdOf(stolen);

  await sleep(rotationMs + 300);
  await page.goto(`${baseURL}/dashboard`); // rotates
  expect(await sessionCookieValue(context)).not.toBe(stolen);
  await page.goto(`${baseURL}/dashboard`); // the browser uses (confirms) the new secret
  await expect(page).toHaveURL(/\/dashboard/);

  await sleep(graceMs + 500);
  const thief = await browser.newContext();
  await plantSessionCookie(thief, stolen, baseURL!);
  const thiefPage = await thief.newPage();
  await thiefPage.goto(`${baseURL}/dashboard`);
  await expect(thiefPage).toHaveURL(/\/login/);

  await page.goto(`${baseURL}/dashboard`);
  await expect(page).toHaveURL(/\/login/);

  const db = openE2eDatabase();
  try {
    expect(findSession(db, sessionId)?.revokedReason).toBe('reuse-detected');
    expect(countAuditEvents(db, 'session.reuse_detected', sessionId)).toBe(1);
  } finally {
    db.close();
  }
  await thief.close();
});

test('a rotation whose response was lost is re-issued, not treated as theft', async ({ page, context }) => {
  const baseURL = server.baseURL;
  await signIn(page, undefined, undefined, baseURL);
  const cookie = await sessionCookieValue(context);
  const sessionId = await sessionIdOf(cookie);

  await sleep(rotationMs + 300);
  const rotating = await fetchWithCookie(`${baseURL}/dashboard`, cookie);
  expect(rotating.status).toBe(200);
  expect(setCookieValue(rotating)).toBeDefined(); // …and the browser never receives it

  await sleep(graceMs + 500);
  const reissued = await fetchWithCookie(`${baseURL}/dashboard`, cookie);
  expect(reissued.status).toBe(200);
  const fresh = setCookieValue(reissued);
  expect(fresh).toBeDefined();
  expect((await fetchWithCookie(`${baseURL}/dashboard`, fresh!)).status).toBe(200);

  const db = openE2eDatabase();
  try {
    expect(findSession(db, sessionId)?.revokedAt).toBeNull();
    expect(countAuditEvents(db, 'session.reissued', sessionId)).toBeGreaterThanOrEqual(1);
  } finally {
    db.close();
  }
});
