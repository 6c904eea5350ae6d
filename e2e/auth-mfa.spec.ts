// TOTP two-step sign-in. The password step creates no session — only a sealed,
// short-lived pending-login cookie; a valid code (single-use) or recovery code
// (single-use) creates the session, regenerated. Setup and removal in the
// security centre. Bob is the seeded TOTP user (README); the setup flow uses a
// throwaway user instead of alice, so no other spec meets a code step for her.
import { generate } from 'otplib';
import { expect, test } from './support/fixtures.ts';
import { sessionIdOf } from './support/session.ts';
import {
  BOB_TOTP_SECRET,
  PENDING_LOGIN_COOKIE,
  auditCount,
  createThrowawayUser,
  execE2e,
  pendingLoginCookie,
  sessionCookie,
  sessionRow,
  signInAs,
  signOut,
  submitCode,
  submitPassword,
  unusedTotpCode,
  formAlert,
  submitAndSettle,
} from './auth-helpers.ts';
import { AT_HOME, HOME_PATH } from './support/signed-in.ts';

const BOB = { email: 'bob@example.com', password: 'correct-horse-battery-staple' };
const INVALID_CODE = 'That code is not valid. Check your authenticator app and try again.';

test.describe.configure({ timeout: 90_000 }); // a code can have to wait for the next 30-second step

test('bob: the password step sets no session — only a pending-login cookie; a wrong code is refused; the right one creates a fresh session', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/login');
  expect(await sessionCookie(context)).toBeUndefined();

  await submitPassword(page, BOB.email, BOB.password);
  await expect(page).toHaveURL(/\/login\/mfa$/);
  await expect(page.getByRole('heading', { name: 'Two-step verification' })).toBeVisible();
  expect(await sessionCookie(context), 'no session before the code step').toBeUndefined();
  const pending = await pendingLoginCookie(context);
  expect(pending).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
  expect(pending!.domain).toBe('localhost'); // host-only (__Host-)
  const lifetime = pending!.expires - Date.now() / 1000;
  expect(lifetime).toBeGreaterThan(60);
  expect(lifetime).toBeLessThanOrEqual(5 * 60 + 5); // PENDING_LOGIN_TTL

  // The pending login opens nothing.
  await page.goto(HOME_PATH);
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/login/mfa');

  await submitCode(page, '000000');
  await expect(formAlert(page)).toHaveText(INVALID_CODE);
  expect(await sessionCookie(context)).toBeUndefined();

  const before = (await context.cookies()).map((cookie) => cookie.value);
  await submitCode(page, await unusedTotpCode(BOB_TOTP_SECRET, BOB.email));
  await expect(page).toHaveURL(AT_HOME);
  const session = await sessionCookie(context);
  expect(session).toBeDefined();
  expect(before).not.toContain(session!.value);
  expect(await pendingLoginCookie(context), 'the pending login is consumed').toBeUndefined();
  await context.close();
});

test('bob: a code that was already used is refused (replay), a fresh one works, and a new sign-in replaces the old session', async ({ browser }) => {
  const first = await browser.newContext();
  const firstPage = await first.newPage();
  await submitPassword(firstPage, BOB.email, BOB.password);
  await expect(firstPage).toHaveURL(/\/login\/mfa$/);
  const code = await unusedTotpCode(BOB_TOTP_SECRET, BOB.email);
  await submitCode(firstPage, code);
  await expect(firstPage).toHaveURL(AT_HOME);
  const oldSession = (await sessionCookie(first))!.value;

  // The same code again, from the same browser (signing in again while signed in).
  await firstPage.goto('/login');
  await submitPassword(firstPage, BOB.email, BOB.password);
  await expect(firstPage).toHaveURL(/\/login\/mfa$/);
  await submitCode(firstPage, code);
  await expect(formAlert(firstPage)).toHaveText(INVALID_CODE);
  // (The cookie's value changes with periodic rotation; the session it names does not.)
  expect(await sessionIdOf((await sessionCookie(first))!.value), 'a refused code leaves the old session alone').toBe(await sessionIdOf(oldSession));

  await submitCode(firstPage, await unusedTotpCode(BOB_TOTP_SECRET, BOB.email));
  await expect(firstPage).toHaveURL(AT_HOME);
  const newSession = (await sessionCookie(first))!.value;
  expect(newSession).not.toBe(oldSession);
  expect(await sessionIdOf(newSession)).not.toBe(await sessionIdOf(oldSession));
  expect(sessionRow(await sessionIdOf(oldSession))?.revokedReason).toBe('login-replaced');
  await first.close();
});

test('bob: a recovery code signs in once, never twice', async ({ browser }) => {
  const recoveryCode = 'mdhy-k3gd-ew'; // the last of bob's seeded codes (README)
  const one = await browser.newContext();
  const page = await one.newPage();
  await submitPassword(page, BOB.email, BOB.password);
  await expect(page).toHaveURL(/\/login\/mfa$/);
  await submitCode(page, recoveryCode.toUpperCase());
  await expect(page).toHaveURL(AT_HOME);
  expect(await sessionCookie(one)).toBeDefined();
  await one.close();

  const two = await browser.newContext();
  const again = await two.newPage();
  await submitPassword(again, BOB.email, BOB.password);
  await expect(again).toHaveURL(/\/login\/mfa$/);
  await submitCode(again, recoveryCode);
  await expect(formAlert(again)).toHaveText(INVALID_CODE);
  expect(await sessionCookie(two)).toBeUndefined();
  await two.close();
});

test('a pending-login cookie is single-use: replayed after its sign-in completed, it leads back to the login page', async ({ browser, baseURL }) => {
  const user = await createThrowawayUser('pending-replay', { totp: true });
  const victim = await browser.newContext();
  const page = await victim.newPage();
  await submitPassword(page, user.email, user.password);
  await expect(page).toHaveURL(/\/login\/mfa$/);
  const pending = (await pendingLoginCookie(victim))!;
  await submitCode(page, await unusedTotpCode(user.totpSecret!, user.email));
  await expect(page).toHaveURL(AT_HOME);

  // Someone who copied the pending cookie tries it with a valid code of their own.
  const attacker = await browser.newContext();
  // (domain + path, not url: Chromium refuses a __Host- cookie given with an http:// url over CDP.)
  await attacker.addCookies([
    { name: PENDING_LOGIN_COOKIE, value: pending.value, domain: new URL(baseURL!).hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' },
  ]);
  const attackerPage = await attacker.newPage();
  await attackerPage.goto('/login/mfa');
  await expect(attackerPage).toHaveURL(/\/login\?reason=mfa-expired/);
  await expect(attackerPage.getByRole('main').getByRole('status')).toContainText('Please sign in again');
  expect(await sessionCookie(attacker)).toBeUndefined();
  await victim.close();
  await attacker.close();
});

test('wrong codes count toward the account lockout like wrong passwords', async ({ browser }) => {
  const user = await createThrowawayUser('mfa-lockout', { totp: true });
  const context = await browser.newContext();
  const page = await context.newPage();
  await submitPassword(page, user.email, user.password);
  await expect(page).toHaveURL(/\/login\/mfa$/);
  for (let i = 0; i < 4; i++) {
    await submitCode(page, String(100000 + i));
    await expect(formAlert(page)).toHaveText(INVALID_CODE);
  }
  await submitCode(page, '999999');
  // The pending login is dropped with the lock: back to the login page, which says only this.
  await expect(page).toHaveURL(/\/login\?error=blocked$/);
  await expect(formAlert(page)).toHaveText('Sign-in is temporarily blocked. Try again later.');
  expect(auditCount('login.locked', user.id)).toBe(1);
  expect(await sessionCookie(context)).toBeUndefined();
  await context.close();
});

test('setting up TOTP (throwaway user in place of alice): QR and key, a code to confirm, ten recovery codes once; then sign-in needs a code; turning it off needs one too', async ({ browser }) => {
  const user = await createThrowawayUser('mfa-setup');
  const other = await browser.newContext(); // another device, signed in before the change
  const otherPage = await other.newPage();
  await signInAs(otherPage, user);

  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, user);
  await page.goto('/security/mfa');
  await expect(page.getByRole('heading', { name: 'Two-step verification', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();

  const qr = page.getByRole('img', { name: /QR code/ });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  const manualKey = (await page.getByTestId('totp-manual-key').textContent())!.replace(/\s+/g, '');
  expect(manualKey).toMatch(/^[A-Z2-7]{32}$/);
  // The key is stored encrypted, never as typed.
  const [stored] = execE2e<{ totpSecret: string; totpEnabledAt: string | null }>('SELECT totpSecret, totpEnabledAt FROM "User" WHERE id = ?', user.id);
  expect(stored!.totpSecret).not.toContain(manualKey);
  expect(stored!.totpEnabledAt).toBeNull();

  expect(auditCount('mfa.setup_started', user.id)).toBe(1);
  const confirmButton = page.getByRole('button', { name: /^(Turn on two-step verification|Checking)/ });
  // The current password is part of the same form: without it (or with a wrong one) nothing turns on.
  await page.getByLabel('Code from your app').fill(await generate({ secret: manualKey }));
  await submitAndSettle(page, confirmButton);
  await expect(formAlert(page)).toHaveText('Enter your current password.');
  await page.getByLabel('Current password').fill('not my password at all');
  await page.getByLabel('Code from your app').fill(await generate({ secret: manualKey }));
  await submitAndSettle(page, confirmButton);
  await expect(formAlert(page)).toHaveText('Your password is incorrect.');
  expect(auditCount('mfa.failure', user.id)).toBe(1);

  await page.getByLabel('Current password').fill(user.password);
  await page.getByLabel('Code from your app').fill('123456');
  await submitAndSettle(page, confirmButton);
  await expect(formAlert(page)).toContainText('That code does not match');

  const sessionBefore = (await sessionCookie(context))!.value;
  const authenticatedBefore = sessionRow(await sessionIdOf(sessionBefore))!.authenticatedAt;
  await page.getByLabel('Current password').fill(user.password);
  await page.getByLabel('Code from your app').fill(await generate({ secret: manualKey }));
  await submitAndSettle(page, page.getByRole('button', { name: /^(Turn on two-step verification|Checking)/ }));
  const codes = page.getByTestId('recovery-codes').getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const recoveryCodes = await codes.allTextContents();
  for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{2}$/);
  expect(auditCount('mfa.enabled', user.id)).toBe(1);

  // This session was regenerated; the other device was signed out.
  const sessionAfter = (await sessionCookie(context))!.value;
  expect(sessionAfter).not.toBe(sessionBefore);
  expect(sessionRow(await sessionIdOf(sessionBefore))?.revokedAt).not.toBeNull();
  // Regenerated, not refreshed: an MFA change is not a fresh authentication.
  expect(sessionRow(await sessionIdOf(sessionAfter))!.authenticatedAt).toBe(authenticatedBefore);
  await otherPage.goto(HOME_PATH);
  await expect(otherPage).toHaveURL(/\/login/);

  // Shown once: a reload shows the "on" state without them.
  await page.reload();
  await expect(page.getByText(/Two-step verification is\s+on/)).toBeVisible();
  await expect(page.getByTestId('recovery-codes')).toHaveCount(0);

  // Signing in now needs the code step.
  await signOut(page);
  await submitPassword(page, user.email, user.password);
  await expect(page).toHaveURL(/\/login\/mfa$/);
  expect(await sessionCookie(context)).toBeUndefined();
  await submitCode(page, await unusedTotpCode(manualKey, user.email));
  await expect(page).toHaveURL(AT_HOME);

  // …or a recovery code from the list shown at setup.
  const third = await browser.newContext();
  const thirdPage = await third.newPage();
  await submitPassword(thirdPage, user.email, user.password);
  await submitCode(thirdPage, recoveryCodes[0]!);
  await expect(thirdPage).toHaveURL(AT_HOME);
  await third.close();

  // Turning it off needs the password and a code, in the same form.
  await page.goto('/security/mfa');
  await page.getByLabel('Current password').fill(user.password);
  await page.getByLabel('Authentication code').fill('000000');
  await submitAndSettle(page, page.getByRole('button', { name: /^Turn(ing)? off/ }));
  await expect(formAlert(page)).toHaveText('Password or code is incorrect.');
  await page.getByLabel('Current password').fill('not my password at all');
  await page.getByLabel('Authentication code').fill(await unusedTotpCode(manualKey, user.email));
  await submitAndSettle(page, page.getByRole('button', { name: /^Turn(ing)? off/ }));
  await expect(formAlert(page)).toHaveText('Password or code is incorrect.');
  await page.getByLabel('Current password').fill(user.password);
  await page.getByLabel('Authentication code').fill(await unusedTotpCode(manualKey, user.email));
  await submitAndSettle(page, page.getByRole('button', { name: /^Turn(ing)? off/ }));
  await expect(page.getByRole('main').getByRole('status')).toContainText('Two-step verification is off');
  expect(auditCount('mfa.disabled', user.id)).toBe(1);
  expect(execE2e<{ n: number }>('SELECT COUNT(*) AS n FROM "RecoveryCode" WHERE userId = ?', user.id)[0]!.n).toBe(0);

  await signOut(page);
  await submitPassword(page, user.email, user.password);
  await expect(page).toHaveURL(AT_HOME);
  await other.close();
  await context.close();
});
