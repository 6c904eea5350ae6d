// Security notices by mail (ADR 047, ASVS 6.3.7), in real Chromium, read from
// the real SMTP server the app sent them through: a sign-in from a browser that
// never signed in as the user mails "New sign-in", the same browser again does
// not; turning on TOTP, a detected session theft and a lockout each mail the
// owner. Runs on SQLite and, in .ci/run, on PostgreSQL (users from support/users.ts).
import type { Browser, Page } from '@playwright/test';
import { generate } from 'otplib';
import { expect, test } from './support/fixtures.ts';
import { INVALID_CREDENTIALS, SIGN_IN_BLOCKED, formAlert, signInAs, submitAndSettle, submitPassword } from './auth-helpers.ts';
import { e2eBaseURL } from './support/environment.ts';
import { mailsTo, readMail } from './support/mail.ts';
import { fetchWithCookie, sessionCookieValue, SESSION_COOKIE } from './support/session.ts';
import { AT_HOME, HOME_PATH } from './support/signed-in.ts';
import { createE2eUser, forgetSecurityNotices, type E2eUser } from './support/users.ts';
import { APP_NAME } from '../lib/config/app-name.ts';

test.describe.configure({ timeout: 90_000 });

const NEW_SIGN_IN = `New sign-in to your ${APP_NAME} account`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const subjectsSince = async (email: string, since: Date) =>
  (await mailsTo(email)).filter((mail) => Date.parse(mail.receivedAt) >= since.getTime()).map((mail) => mail.subject);

async function signedInPage(browser: Browser, user: E2eUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, user);
  return page;
}

test('a sign-in from a new browser mails the owner; signing in again from that browser does not', async ({ browser }) => {
  const user = await createE2eUser('notice-device');
  const started = new Date();
  const first = await signedInPage(browser, user);
  const mail = await readMail(user.email, NEW_SIGN_IN, { after: started });
  expect(mail.text).toMatch(/Device: {2}Headless Chrome \d+ on Linux|Device: {2}Chrome \d+ on Linux/);
  expect(mail.text).toMatch(/Address: (127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)/);
  expect(mail.text).toContain('Security notices cannot be turned off');

  // The same browser signs in again (its session gone, its device proof kept). The
  // window is cleared first, so only the device rule can keep a second mail away.
  await forgetSecurityNotices(user.id);
  const again = new Date();
  await first.context().clearCookies({ name: SESSION_COOKIE });
  await signInAs(first, user);
  // Then a browser that never signed in as her: its mail arrives, and is the only one since.
  const other = await signedInPage(browser, user);
  await readMail(user.email, NEW_SIGN_IN, { after: again });
  await sleep(1_000);
  expect(await subjectsSince(user.email, again)).toEqual([NEW_SIGN_IN]);
  await other.context().close();
  await first.context().close();
});

test('turning on two-step verification mails the owner', async ({ browser }) => {
  const user = await createE2eUser('notice-totp');
  const page = await signedInPage(browser, user);
  const started = new Date();
  await page.goto('/security/mfa');
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const manualKey = (await page.getByTestId('totp-manual-key').textContent())!.replace(/\s+/g, '');
  await page.getByLabel('Current password').fill(user.password);
  await page.getByLabel('Code from your app').fill(await generate({ secret: manualKey }));
  await submitAndSettle(page, page.getByRole('button', { name: /^(Turn on two-step verification|Checking)/ }));
  await expect(page.getByTestId('recovery-codes').getByRole('listitem')).toHaveCount(10);
  const mail = await readMail(user.email, 'Two-step verification was turned on', { after: started });
  expect(mail.text).toContain('new recovery codes');
  await page.context().close();
});

test('a copied session cookie replayed after the owner moved on: the session ends for both, and the owner is mailed', async ({ browser }) => {
  const rotationMs = 3_000; // e2eSessionPolicy: SESSION_ROTATION_INTERVAL
  const graceMs = 1_500; // and SESSION_ROTATION_GRACE
  const user = await createE2eUser('notice-theft');
  const page = await signedInPage(browser, user);
  const stolen = await sessionCookieValue(page.context());
  const started = new Date();

  // The owner's browser rotates, uses the new secret, and the previous one's grace runs out.
  await sleep(rotationMs + 500);
  await page.goto(HOME_PATH);
  await expect.poll(() => sessionCookieValue(page.context())).not.toBe(stolen);
  await page.goto(HOME_PATH);
  await expect(page).toHaveURL(AT_HOME);
  await sleep(graceMs + 700);

  // The thief replays the copy with nothing newer to offer: a copy, ended for both holders.
  expect((await fetchWithCookie(`${e2eBaseURL}/api/me`, stolen)).status).toBe(401);
  const mail = await readMail(user.email, `Possible session theft on your ${APP_NAME} account`, { after: started });
  expect(mail.text).toMatch(/signed in on (Headless )?Chrome \d+ on Linux/);
  await page.goto(HOME_PATH);
  await expect(page).toHaveURL(/\/login\?reason=revoked/);
  await page.context().close();
});

test('a lockout mails the owner, while the one who locked it sees the same as for an unknown email', async ({ browser }) => {
  const user = await createE2eUser('notice-lockout');
  const unknown = `no-such-user-${Date.now()}@e2e.example.com`;
  const started = new Date();
  for (const email of [user.email, unknown]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (let i = 1; i <= 5; i++) {
      await submitPassword(page, email, `wrong password ${i}`);
      await expect(formAlert(page)).toHaveText(i < 5 ? INVALID_CREDENTIALS : SIGN_IN_BLOCKED);
    }
    await context.close();
  }

  const mail = await readMail(user.email, `Sign-in to your ${APP_NAME} account was locked`, { after: started });
  expect(mail.text).toMatch(/locked on .* until .*GMT/);
  expect(await mailsTo(unknown)).toEqual([]);
});
