// Lockout and throttling. Five consecutive failures lock the account for
// LOGIN_LOCKOUT_DURATION (5 s on the e2e server; the five is not configurable
// upwards) — for registered and unregistered emails alike — and a lock ends every
// session of the account. The per-IP limit runs on a second server with a tiny
// limit, since every spec signs in from localhost.
// Throwaway users only: locking alice or bob would break other specs.
import { expect, test } from './support/fixtures.ts';
import { openE2eDatabase } from './support/database.ts';
import { startExtraServer } from './support/extra-server.ts';
import {
  INVALID_CREDENTIALS,
  SIGN_IN_BLOCKED,
  auditCount,
  createThrowawayUser,
  execE2e,
  sessionCookie,
  signInAs,
  submitPassword,
  formAlert,
} from './auth-helpers.ts';

const LOCKOUT_MS = 5_000; // e2e/support/environment.ts

test('five wrong passwords lock the account: the 6th attempt, with the right password, is refused; after the lock period it works', async ({ browser }) => {
  const user = await createThrowawayUser('lockout');
  // A device already signed in: the lock must end its session.
  const earlier = await browser.newContext();
  const earlierPage = await earlier.newPage();
  await signInAs(earlierPage, user);

  const context = await browser.newContext();
  const page = await context.newPage();
  const alert = formAlert(page);
  for (let i = 1; i <= 4; i++) {
    await submitPassword(page, user.email, `wrong password ${i}`);
    await expect(alert).toHaveText(INVALID_CREDENTIALS);
  }
  await submitPassword(page, user.email, 'wrong password 5');
  await expect(alert).toHaveText(SIGN_IN_BLOCKED);
  const lockedAt = Date.now();

  // The right password during the lock: refused, no session, no password work done.
  await submitPassword(page, user.email, user.password);
  await expect(alert).toHaveText(SIGN_IN_BLOCKED);
  await expect(page).toHaveURL(/\/login$/);
  expect(await sessionCookie(context)).toBeUndefined();

  expect(auditCount('login.failure', user.id)).toBe(5);
  expect(auditCount('login.locked', user.id)).toBe(1);
  expect(auditCount('login.throttled', user.id)).toBeGreaterThanOrEqual(1);

  // Every session of the locked account was revoked.
  await earlierPage.goto('/dashboard');
  await expect(earlierPage).toHaveURL(/\/login/);
  const [revoked] = execE2e<{ n: number }>('SELECT COUNT(*) AS n FROM "Session" WHERE userId = ? AND revokedReason = ?', user.id, 'account-locked');
  expect(revoked!.n).toBe(1);

  // After the lock period the right password works again.
  await page.waitForTimeout(Math.max(0, lockedAt + LOCKOUT_MS + 500 - Date.now()));
  await submitPassword(page, user.email, user.password);
  await expect(page).toHaveURL(/\/dashboard/);
  expect(await sessionCookie(context)).toBeDefined();
  await earlier.close();
  await context.close();
});

test('an unregistered email is "locked" after five failures too, with the same text — lockout reveals nothing', async ({ page }) => {
  const email = `nobody-${Date.now()}@e2e.example.com`;
  const texts: string[] = [];
  for (let i = 1; i <= 6; i++) {
    await submitPassword(page, email, `guess ${i}`);
    await expect(formAlert(page)).toHaveText(i < 5 ? INVALID_CREDENTIALS : SIGN_IN_BLOCKED);
    texts.push((await formAlert(page).textContent())!);
  }
  expect(texts).toEqual([...Array(4).fill(INVALID_CREDENTIALS), SIGN_IN_BLOCKED, SIGN_IN_BLOCKED]);
});

test('a success resets the count: four failures, a sign-in, four more failures — still not locked', async ({ browser }) => {
  const user = await createThrowawayUser('reset');
  const context = await browser.newContext();
  const page = await context.newPage();
  for (let i = 0; i < 4; i++) {
    await submitPassword(page, user.email, `wrong ${i}`);
    await expect(formAlert(page)).toHaveText(INVALID_CREDENTIALS);
  }
  await signInAs(page, user);
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  for (let i = 0; i < 4; i++) {
    await submitPassword(otherPage, user.email, `wrong again ${i}`);
    await expect(formAlert(otherPage)).toHaveText(INVALID_CREDENTIALS);
  }
  await signInAs(otherPage, user);
  await context.close();
  await other.close();
});

function forgetAddresses(databaseFile: string): void {
  const db = openE2eDatabase(databaseFile);
  try {
    db.prepare(`DELETE FROM "LoginThrottle" WHERE key LIKE 'ip:%'`).run();
  } finally {
    db.close();
  }
}

test.describe('per-IP limit (own server: LOGIN_IP_MAX_ATTEMPTS=3)', () => {
  test.describe.configure({ timeout: 90_000 });

  test('an address over its limit is refused — even with the right password — without locking the account', async ({ browser }) => {
    const user = await createThrowawayUser('ip-limit');
    const server = await startExtraServer({ env: { LOGIN_IP_MAX_ATTEMPTS: '3', LOGIN_IP_WINDOW: '10m' }, database: 'copy' });
    forgetAddresses(server.databaseFile); // the copy carries the main server's localhost counter
    try {
      const context = await browser.newContext({ baseURL: server.baseURL });
      const page = await context.newPage();
      // Spraying: one guess each at three different emails.
      for (let i = 0; i < 3; i++) {
        await submitPassword(page, `spray-${i}@e2e.example.com`, 'Winter2026!');
        await expect(formAlert(page)).toHaveText(INVALID_CREDENTIALS);
      }
      await submitPassword(page, user.email, user.password);
      await expect(formAlert(page)).toHaveText(SIGN_IN_BLOCKED);
      expect(await sessionCookie(context)).toBeUndefined();

      // Refused before the account counter was touched: the IP limit cannot lock people out.
      const db = openE2eDatabase(server.databaseFile);
      try {
        expect(db.prepare('SELECT key FROM "LoginThrottle" WHERE key = ?').get(`account:${user.email}`)).toBeUndefined();
        expect(db.prepare('SELECT COUNT(*) AS n FROM "AuditEvent" WHERE type = ? AND userId = ?').get('login.throttled', user.id)).toEqual({ n: 1 });
      } finally {
        db.close();
      }
      await context.close();
    } finally {
      await server.stop();
    }
  });

  test('a client-chosen X-Forwarded-For does not make a fresh address', async ({ browser }) => {
    // Next keeps a client-sent X-Forwarded-For; scripts/serve.ts replaces it with the
    // socket address before Next sees it (lib/http/forwarded-for.ts).
    const server = await startExtraServer({ env: { LOGIN_IP_MAX_ATTEMPTS: '2', LOGIN_IP_WINDOW: '10m' }, database: 'copy' });
    forgetAddresses(server.databaseFile);
    try {
      const outcomes: string[] = [];
      for (let i = 0; i < 4; i++) {
        const context = await browser.newContext({ baseURL: server.baseURL, extraHTTPHeaders: { 'X-Forwarded-For': `198.51.100.${i + 1}` } });
        const page = await context.newPage();
        await submitPassword(page, `forged-${i}@e2e.example.com`, 'Winter2026!');
        await expect(formAlert(page)).toBeVisible();
        outcomes.push((await formAlert(page).textContent())!);
        await context.close();
      }
      expect(outcomes.slice(2)).toEqual([SIGN_IN_BLOCKED, SIGN_IN_BLOCKED]);
    } finally {
      await server.stop();
    }
  });
});
