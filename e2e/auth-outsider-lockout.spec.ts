// No outsider lockout (ADR 031). Someone who knows alice's email sends wrong
// passwords from other browsers and ever-new addresses, for the whole test —
// long enough to lock the unfamiliar-client counter until support unlocks it.
// Alice, in the browser where she signed in before, keeps signing in and
// stepping up in her live session; a browser she never used is refused like the
// outsider (what the lock concedes).
// Own server: a copy of the e2e database, so alice can be locked without
// breaking the specs that sign her in from fresh browsers; TRUST_PROXY=true so
// each browser brings its own client address in X-Forwarded-For, as one proxy
// in front would (ADR 015, 024); LOGIN_MAX_LOCKS=2 reaches the unlock-only lock
// within seconds (LOGIN_LOCKOUT_DURATION is 5 s on the e2e server).
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { openE2eDatabase } from './support/database.ts';
import { startExtraServer, type ExtraServer } from './support/extra-server.ts';
import { INVALID_CREDENTIALS, SIGN_IN_BLOCKED, cookieNamed, formAlert, sessionCookie, submitAndSettle, submitPassword } from './auth-helpers.ts';
import { AT_HOME, HOME_PATH } from './support/signed-in.ts';

const alice = { email: 'alice@example.com', password: 'correct-horse-battery-staple' };
const ALICE_ADDRESS = '198.51.100.10';

test.describe.configure({ timeout: 180_000 });

let server: ExtraServer;
test.beforeAll(async () => {
  server = await startExtraServer({ env: { TRUST_PROXY: 'true', LOGIN_MAX_LOCKS: '2' }, database: 'copy' });
});
test.afterAll(async () => {
  await server?.stop();
});

/** Steps up on /reauth with the password; true when it let her through. */
async function stepUp(page: Page): Promise<boolean> {
  await page.goto(`/reauth?next=${HOME_PATH}`);
  if (new URL(page.url()).pathname !== '/reauth') return false; // no live session any more
  await page.getByLabel('Password', { exact: true }).fill(alice.password);
  await submitAndSettle(page, page.getByRole('button', { name: /^(Continue|Checking)/ }));
  return new URL(page.url()).pathname === HOME_PATH;
}

test("an outsider hammering alice's sign-in from other browsers and addresses never stops her signing in from her own browser, nor stepping up in her live session", async ({ browser }) => {
  const aliceContext = await browser.newContext({ baseURL: server.baseURL, extraHTTPHeaders: { 'X-Forwarded-For': ALICE_ADDRESS } });
  const home = await aliceContext.newPage();
  await submitPassword(home, alice.email, alice.password);
  await expect(home).toHaveURL(AT_HOME);
  // Her browser now holds a device proof: host-only, HttpOnly, Secure, for 30 days.
  const proof = await cookieNamed(aliceContext, '__Host-device');
  expect(proof).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/', domain: 'localhost' });
  expect(proof!.expires * 1000 - Date.now()).toBeGreaterThan(29 * 24 * 60 * 60_000);
  const liveSession = await aliceContext.newPage(); // her session, open in another tab all along

  // The outsider: a browser of its own, every guess from an address in a different /48.
  const outsiderContext = await browser.newContext({ baseURL: server.baseURL });
  const outsider = await outsiderContext.newPage();
  const seen: string[] = [];
  let guesses = 0;
  let stop = false;
  const hammering = (async () => {
    while (!stop) {
      guesses++;
      await outsider.setExtraHTTPHeaders({ 'X-Forwarded-For': `2001:db8:${(0x100 + guesses).toString(16)}::1` });
      await submitPassword(outsider, alice.email, `wrong guess ${guesses}`);
      seen.push((await formAlert(outsider).textContent()) ?? '');
    }
  })();

  const lockedForOutsider = () => seen.filter((text) => text === SIGN_IN_BLOCKED).length;
  await expect.poll(lockedForOutsider, { timeout: 60_000 }).toBeGreaterThan(0);
  // Rounds while the outsider is locked out, until it has been refused for a while (past both locks, the second unlock-only).
  let rounds = 0;
  try {
    for (; rounds < 12 && (rounds < 4 || lockedForOutsider() < 15); rounds++) {
      // Her live session steps up…
      expect(await stepUp(liveSession), `step-up in her live session, round ${rounds + 1}`).toBe(true);
      // …and after closing her browser (the session cookie goes, the device proof stays) she signs in again.
      await aliceContext.clearCookies({ name: '__Host-session' });
      await submitPassword(home, alice.email, alice.password);
      await expect(home, `sign-in from her own browser, round ${rounds + 1}`).toHaveURL(AT_HOME, { timeout: 10_000 });
      await home.waitForTimeout(2_000);
    }
  } finally {
    stop = true;
    await hammering;
  }
  expect(rounds).toBeGreaterThanOrEqual(4);
  console.info(`outsider: ${guesses} guesses, ${lockedForOutsider()} refused as blocked; alice: ${rounds} rounds of step-up + sign-in, all through`);
  // The outsider was really locked out (it sees only the generic texts)…
  expect(seen.slice(0, 4)).toEqual(Array(4).fill(INVALID_CREDENTIALS));
  expect(lockedForOutsider()).toBeGreaterThanOrEqual(15);
  expect(seen.every((text) => text === INVALID_CREDENTIALS || text === SIGN_IN_BLOCKED)).toBe(true);
  // …even with her right password, and so is a browser alice never signed in with.
  await submitPassword(outsider, alice.email, alice.password);
  await expect(formAlert(outsider)).toHaveText(SIGN_IN_BLOCKED);
  expect(await sessionCookie(outsiderContext)).toBeUndefined();
  const newDevice = await browser.newContext({ baseURL: server.baseURL, extraHTTPHeaders: { 'X-Forwarded-For': ALICE_ADDRESS } });
  const newPage = await newDevice.newPage();
  await submitPassword(newPage, alice.email, alice.password);
  await expect(formAlert(newPage)).toHaveText(SIGN_IN_BLOCKED);

  // Her security centre tells her, and which browsers the lock holds.
  await home.goto('/security');
  await expect(home.getByTestId('sign-in-lock')).toContainText('from browsers you have not signed in with before');
  await expect(home.getByText('Account locked after too many failed sign-ins from browsers you have not signed in with — contact support to unlock it')).toBeVisible();

  // Every guess is in the audit trail; the lock bound unfamiliar clients only.
  const db = openE2eDatabase(server.databaseFile);
  try {
    const user = db.prepare('SELECT id FROM "User" WHERE email = ?').get(alice.email) as { id: string };
    const count = (type: string) => (db.prepare('SELECT COUNT(*) AS n FROM "AuditEvent" WHERE type = ? AND userId = ?').get(type, user.id) as { n: number }).n;
    expect(count('login.failure')).toBe(10); // 5 per lock × LOGIN_MAX_LOCKS; the rest were refused unseen by argon2
    const locks = db.prepare('SELECT detail FROM "AuditEvent" WHERE type = ? AND userId = ?').all('login.locked', user.id) as { detail: string }[];
    expect(locks.map((row) => JSON.parse(row.detail).refuses)).toEqual(['unfamiliar', 'unfamiliar']);
    const row = db.prepare('SELECT needsUnlock FROM "LoginThrottle" WHERE key = ?').get(`account:${alice.email}`) as { needsUnlock: number };
    expect(row.needsUnlock).toBe(1);
  } finally {
    db.close();
  }
  await newDevice.close();
  await outsiderContext.close();
  await aliceContext.close();
});
