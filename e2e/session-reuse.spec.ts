// Reuse detection (docs/decisions/016-rotation-rule.md, 035-stale-secrets-retry.md):
// a copy of an earlier cookie, once the owner has used a newer secret, is sent
// back to retry and, presented again and again, ends the session for both
// holders — however many rotations old it is; a lost rotation response is
// answered by re-sending the same secret, never a competing one.
import { expect, test } from './support/fixtures.ts';
import { countAuditEvents, findSession, openE2eDatabase } from './support/database.ts';
import type { ExtraServer } from './support/extra-server.ts';
import { GRACE_MS as graceMs, ROTATION_MS as rotationMs, rotateAndMoveOn, sleep, startRotationServer } from './support/rotation-server.ts';
import { fetchOnceWithCookie, fetchWithCookie, isSentBack, sessionCookieValue, sessionIdOf, sessionTokenOf, setCookieValue, signIn } from './support/session.ts';
import { AT_HOME, HOME_PATH } from './support/signed-in.ts';

let server: ExtraServer;
test.beforeAll(async () => {
  server = await startRotationServer();
});
test.afterAll(async () => {
  await server?.stop();
});

function auditOf(sessionId: string) {
  const db = openE2eDatabase();
  try {
    return { row: findSession(db, sessionId), reuse: countAuditEvents(db, 'session.reuse_detected', sessionId), resent: countAuditEvents(db, 'session.secret_resent', sessionId) };
  } finally {
    db.close();
  }
}

test('a copy replayed after the owner moved on ends the session for both holders', async ({ page, context }) => {
  const baseURL = server.baseURL;
  await signIn(page, undefined, undefined, baseURL);
  const stolen = await sessionCookieValue(context);
  const sessionId = await sessionIdOf(stolen);

  await sleep(rotationMs + 300);
  await page.goto(`${baseURL}${HOME_PATH}`); // rotates
  expect(await sessionCookieValue(context)).not.toBe(stolen);
  await page.goto(`${baseURL}${HOME_PATH}`); // the browser uses the new secret
  await expect(page).toHaveURL(AT_HOME);

  await sleep(graceMs + 500);
  // First sent back to ask again with a newer cookie (a late straggler would have one): nothing served, nothing revoked…
  const sentBack = await fetchOnceWithCookie(`${baseURL}/api/me`, stolen);
  expect(isSentBack(sentBack, `${baseURL}/api/me`)).toBe(true);
  expect(await sentBack.text()).not.toContain('alice@example.com');
  expect(auditOf(sessionId)).toMatchObject({ row: { revokedAt: null }, reuse: 0 });
  // …and a holder that has nothing newer, coming back with it again and again, ends the session.
  expect((await fetchWithCookie(`${baseURL}/api/me`, stolen)).status).toBe(401);
  await page.goto(`${baseURL}${HOME_PATH}`);
  await expect(page).toHaveURL(/\/login\?reason=revoked/);
  expect(auditOf(sessionId)).toMatchObject({ row: { revokedReason: 'reuse-detected' }, reuse: 1 });
});

test('a copy two rotations old is recognised as a copy, not shrugged off as "no session"', async ({ page, context }) => {
  const baseURL = server.baseURL;
  await signIn(page, undefined, undefined, baseURL);
  const stolen = await sessionCookieValue(context);
  const sessionId = await sessionIdOf(stolen);
  for (let rotation = 1; rotation <= 2; rotation++) await rotateAndMoveOn(page, { baseURL, rotationMs, graceMs });
  expect((await fetchWithCookie(`${baseURL}/api/me`, stolen)).status).toBe(401);
  expect(auditOf(sessionId)).toMatchObject({ row: { revokedReason: 'reuse-detected' }, reuse: 1 });
});

test('a rotation whose response was lost is answered with the same secret again, not a new one', async ({ page, context }) => {
  const baseURL = server.baseURL;
  await signIn(page, undefined, undefined, baseURL);
  const cookie = await sessionCookieValue(context);
  const sessionId = await sessionIdOf(cookie);

  await sleep(rotationMs + 300);
  const rotating = await fetchWithCookie(`${baseURL}${HOME_PATH}`, cookie);
  expect(rotating.status).toBe(200);
  const lost = setCookieValue(rotating); // …and the browser never receives it
  expect(lost).toBeDefined();

  // Still the old cookie, long past a grace counted from the rotation: valid, no alarm.
  await sleep(graceMs + 500);
  expect((await fetchWithCookie(`${baseURL}/api/me`, cookie)).status).toBe(200);

  // Once rotation is due again, the old cookie is sent the very secret it missed.
  await sleep(rotationMs);
  const again = await fetchWithCookie(`${baseURL}${HOME_PATH}`, cookie);
  expect(again.status).toBe(200);
  const resent = setCookieValue(again);
  expect(resent).toBeDefined();
  expect((await sessionTokenOf(resent!)).secret).toBe((await sessionTokenOf(lost!)).secret);
  // Both deliveries of it work: a late original response signs nobody out.
  expect((await fetchWithCookie(`${baseURL}/api/me`, resent!)).status).toBe(200);
  expect((await fetchWithCookie(`${baseURL}/api/me`, lost!)).status).toBe(200);
  expect(auditOf(sessionId)).toMatchObject({ row: { revokedAt: null }, reuse: 0, resent: 1 });
});
