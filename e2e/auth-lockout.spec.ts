// Lockout and throttling (docs/decisions/010 and 018). Five failures inside the
// failure window lock the account for LOGIN_LOCKOUT_DURATION (5 s on the e2e
// server; the five is not configurable upwards) — for registered and unregistered
// emails alike. A lock from the sign-in page does not end the owner's sessions;
// the owner sees it in the security centre. A sign-in in between resets nothing.
// The per-address limit runs on a second server with a tiny limit, since every
// spec signs in from localhost.
// Throwaway users only: locking alice or bob would break other specs.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from './support/fixtures.ts';
import { openE2eDatabase } from './support/database.ts';
import { e2eSessionSecrets } from './support/environment.ts';
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
import { AT_HOME } from './support/signed-in.ts';

const LOCKOUT_MS = 5_000; // e2e/support/environment.ts

test("an anonymous context's five failures lock the account but do not end the signed-in owner's session; she sees the lock; after the lock period the password works", async ({ browser }) => {
  const user = await createThrowawayUser('lockout');
  // The owner, signed in on her own device.
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await signInAs(ownerPage, user);

  const anonymous = await browser.newContext();
  const page = await anonymous.newPage();
  const alert = formAlert(page);
  for (let i = 1; i <= 4; i++) {
    await submitPassword(page, user.email, `wrong password ${i}`);
    await expect(alert).toHaveText(INVALID_CREDENTIALS);
  }
  await submitPassword(page, user.email, 'wrong password 5');
  await expect(alert).toHaveText(SIGN_IN_BLOCKED);
  const lockedAt = Date.now();

  // The right password during the lock: refused, no session.
  await submitPassword(page, user.email, user.password);
  await expect(alert).toHaveText(SIGN_IN_BLOCKED);
  await expect(page).toHaveURL(/\/login$/);
  expect(await sessionCookie(anonymous)).toBeUndefined();
  expect(auditCount('login.failure', user.id)).toBe(5);
  expect(auditCount('login.locked', user.id)).toBe(1);

  // The owner's session lives on, and her security centre shows the lock.
  await ownerPage.goto('/security');
  await expect(ownerPage).toHaveURL(/\/security$/);
  await expect(ownerPage.getByTestId('sign-in-lock')).toContainText('Sign-in to your account is locked until');
  await expect(ownerPage.getByText('Account locked after too many failed sign-ins')).toBeVisible();
  expect(execE2e<{ n: number }>('SELECT COUNT(*) AS n FROM "Session" WHERE userId = ? AND revokedAt IS NOT NULL', user.id)[0]!.n).toBe(0);

  // After the lock period the right password works again.
  await page.waitForTimeout(Math.max(0, lockedAt + LOCKOUT_MS + 500 - Date.now()));
  await submitPassword(page, user.email, user.password);
  await expect(page).toHaveURL(AT_HOME);
  expect(await sessionCookie(anonymous)).toBeDefined();
  await owner.close();
  await anonymous.close();
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

test('a sign-in between failures resets nothing: the 5th failure is blocked for a registered email exactly as for an unknown one', async ({ browser }) => {
  const user = await createThrowawayUser('no-oracle');
  const unknown = `nobody-else-${Date.now()}@e2e.example.com`;
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const email of [user.email, unknown]) {
    for (let i = 0; i < 4; i++) {
      await submitPassword(page, email, `wrong ${i}`);
      await expect(formAlert(page)).toHaveText(INVALID_CREDENTIALS);
    }
  }
  // The owner signs in from another device (allowed: four failures are below the limit)…
  const owner = await browser.newContext();
  await signInAs(await owner.newPage(), user);
  // …and the guesser cannot tell: both fifth failures are blocked.
  for (const email of [user.email, unknown]) {
    await submitPassword(page, email, 'wrong 5');
    await expect(formAlert(page)).toHaveText(SIGN_IN_BLOCKED);
  }
  await owner.close();
  await context.close();
});

test('the out-of-band unlock: with LOGIN_MAX_LOCKS=1 the first lock lasts until `npm run accounts:unlock -- <email>`', async ({ browser }) => {
  test.setTimeout(90_000);
  const user = await createThrowawayUser('unlock');
  const server = await startExtraServer({ env: { LOGIN_MAX_LOCKS: '1' }, database: 'copy' });
  try {
    const context = await browser.newContext({ baseURL: server.baseURL });
    const page = await context.newPage();
    for (let i = 1; i <= 5; i++) await submitPassword(page, user.email, `wrong ${i}`);
    await expect(formAlert(page)).toHaveText(SIGN_IN_BLOCKED);
    // Well past LOGIN_LOCKOUT_DURATION (5 s): still locked.
    await page.waitForTimeout(LOCKOUT_MS + 1_000);
    await submitPassword(page, user.email, user.password);
    await expect(formAlert(page)).toHaveText(SIGN_IN_BLOCKED);

    const unlock = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/unlock-account.ts', '--', user.email.toUpperCase()], {
      cwd: path.resolve(import.meta.dirname, '..'),
      env: { ...process.env, DATABASE_URL: `file:${server.databaseFile}`, SESSION_SECRETS: e2eSessionSecrets },
      encoding: 'utf8',
    });
    expect(unlock.status, unlock.stderr).toBe(0);
    expect(unlock.stdout).toContain(`Unlocked ${user.email}`);

    await submitPassword(page, user.email, user.password);
    await expect(page).toHaveURL(AT_HOME);
    const db = openE2eDatabase(server.databaseFile);
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM "AuditEvent" WHERE type = ? AND userId = ?').get('account.unlocked', user.id)).toEqual({ n: 1 });
    } finally {
      db.close();
    }
    await context.close();
  } finally {
    await server.stop();
  }
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
        // Refusals are counted on the address's row, not written one audit row each.
        expect(db.prepare(`SELECT SUM(failures) AS n FROM "LoginThrottle" WHERE key LIKE 'ip:%'`).get()).toEqual({ n: 4 });
        expect(db.prepare('SELECT COUNT(*) AS n FROM "AuditEvent" WHERE type IN (?, ?) AND userId = ?').get('login.throttled', 'login.refused', user.id)).toEqual({ n: 0 });
      } finally {
        db.close();
      }
      await context.close();
    } finally {
      await server.stop();
    }
  });

  test('a client-chosen X-Forwarded-For does not make a fresh address', async ({ browser }) => {
    // Next keeps a client-sent X-Forwarded-For; server.ts replaces it with the
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
