// Password reset by an emailed link, in real Chromium, with the mail read from
// the real SMTP server the app sent it through (e2e/support/mail-catcher.ts).
// Runs on SQLite and, in .ci/run, on PostgreSQL (users from support/users.ts). ADR 040.
import type { Browser, Page, Response } from '@playwright/test';
import { generate } from 'otplib';
import { expect, test, watchCsp } from './support/fixtures.ts';
import { INVALID_CREDENTIALS, formAlert, submitAndSettle, submitPassword } from './auth-helpers.ts';
import { e2eBaseURL } from './support/environment.ts';
import { linkIn, mailsTo, readMail } from './support/mail.ts';
import { createE2eUser } from './support/users.ts';
import { AT_HOME, HOME_PATH } from './support/signed-in.ts';
import { APP_NAME } from '../lib/config/app-name.ts';

test.describe.configure({ timeout: 120_000 });

const RESET_SUBJECT = `Reset your ${APP_NAME} password`;
const REQUESTED = /If an account exists for that address, we've emailed a link/;
const USED_LINK = 'This password reset link has expired or has already been used. Ask for a new one below.';
const NEW_PASSWORD = 'a fresh and long passphrase after reset';

async function askForLink(page: Page, email: string): Promise<Response> {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel('Email', { exact: true }).fill(email);
  const posted = page.waitForResponse((response) => response.request().method() === 'POST');
  await page.getByRole('button', { name: 'Send reset link' }).click();
  const response = await posted;
  await expect(page.getByRole('main').getByRole('status')).toHaveText(REQUESTED);
  return response;
}

async function openResetLink(page: Page, email: string, after: Date): Promise<string> {
  const mail = await readMail(email, RESET_SUBJECT, { after });
  const link = linkIn(mail, `${e2eBaseURL}/reset-password?token=`);
  const response = await page.goto(link);
  // The token left the address bar (and so the history and any Referer) at once, for an HttpOnly cookie.
  await expect(page).toHaveURL(`${e2eBaseURL}/reset-password/new`);
  const redirect = await response!.request().redirectedFrom()!.response();
  expect(redirect!.status()).toBe(303);
  expect(redirect!.headers()['referrer-policy']).toBe('no-referrer');
  const cookie = (await page.context().cookies()).find((c) => c.name === '__Host-password-reset');
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
  return link;
}

async function chooseNewPassword(page: Page, password: string, code?: string): Promise<void> {
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm new password', { exact: true }).fill(password);
  if (code !== undefined) await page.getByLabel('Authentication code', { exact: true }).fill(code);
  await submitAndSettle(page, page.getByRole('button', { name: /^Reset(ting)? password/ }));
}

const totpNow = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) });

test('forgotten password → mail → reset: every old session is gone, the old password too, and the link works once', async ({ page, browser, cspViolations }) => {
  const user = await createE2eUser('reset');
  // Signed in elsewhere before the reset (say, a thief's copy or a forgotten laptop).
  const elsewhere = await browser.newContext();
  watchCsp(elsewhere, cspViolations);
  const oldPage = await elsewhere.newPage();
  await submitPassword(oldPage, user.email, user.password);
  await expect(oldPage).toHaveURL(AT_HOME);

  const asked = new Date(Date.now() - 1_000);
  await askForLink(page, user.email);
  const link = await openResetLink(page, user.email, asked);
  await chooseNewPassword(page, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/login\?reason=password-reset$/);
  await expect(page.getByRole('main').getByRole('status')).toContainText('Your password has been reset and every session of your account signed out.');

  // The old session is gone at its next request.
  await oldPage.goto(HOME_PATH);
  await expect(oldPage).toHaveURL(/\/login/);
  await expect(oldPage.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await elsewhere.close();

  // The owner is told, by mail.
  await readMail(user.email, `Your ${APP_NAME} password was changed`, { after: asked });

  // The old password no longer works; the new one does.
  await submitPassword(page, user.email, user.password);
  await expect(formAlert(page)).toHaveText(INVALID_CREDENTIALS);
  await submitPassword(page, user.email, NEW_PASSWORD);
  await expect(page).toHaveURL(AT_HOME);

  // The same link again: refused, with a way forward.
  await page.goto(link);
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(USED_LINK);
  await expect(page.getByRole('link', { name: 'Ask for a new link' })).toBeVisible();
  expect(cspViolations).toEqual([]);
});

test('a TOTP user cannot complete a reset without the code; with the code, or a recovery code, they can', async ({ page, browser }) => {
  const user = await createE2eUser('reset-totp', { totp: true });
  let asked = new Date(Date.now() - 1_000);
  await askForLink(page, user.email);
  await openResetLink(page, user.email, asked);
  await expect(page.getByLabel('Authentication code', { exact: true })).toBeVisible();

  await chooseNewPassword(page, NEW_PASSWORD, '');
  await expect(formAlert(page)).toHaveText('Enter the code from your authenticator app, or a recovery code.');
  await chooseNewPassword(page, NEW_PASSWORD, '000000');
  await expect(formAlert(page)).toContainText('That code is not valid.');
  await expect(page).toHaveURL(/\/reset-password\/new$/);

  // Nothing changed: the old password still passes the password step.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await submitPassword(otherPage, user.email, user.password);
  await expect(otherPage).toHaveURL(/\/login\/mfa$/);
  await other.close();

  await chooseNewPassword(page, NEW_PASSWORD, await totpNow(user.totpSecret!));
  await expect(page).toHaveURL(/\/login\?reason=password-reset$/);

  // Lost the authenticator too: a recovery code completes a reset instead.
  asked = new Date(Date.now() - 1_000);
  await askForLink(page, user.email);
  await openResetLink(page, user.email, asked);
  await chooseNewPassword(page, 'the recovery code route passphrase', user.recoveryCodes![0]!);
  await expect(page).toHaveURL(/\/login\?reason=password-reset$/);
});

type Observation = { status: number; text: string; cookies: string[] };

async function observe(browser: Browser, email: string, javaScriptEnabled: boolean): Promise<Observation> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  let response: Response;
  if (javaScriptEnabled) {
    response = await askForLink(page, email);
  } else {
    await page.goto('/forgot-password');
    await page.getByLabel('Email', { exact: true }).fill(email);
    const posted = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    response = await posted;
    await expect(page.getByRole('main').getByRole('status')).toHaveText(REQUESTED);
  }
  const observation = {
    status: response.status(),
    text: await page.locator('main').innerText(),
    cookies: (await context.cookies()).map((cookie) => cookie.name).sort(),
  };
  await context.close();
  return observation;
}

for (const javaScriptEnabled of [true, false]) {
  test(`a known and an unknown email get the same page, status and cookies (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, async ({ browser }) => {
    const user = await createE2eUser('reset-enumeration');
    const asked = new Date(Date.now() - 1_000);
    const unknownEmail = `no-such-user-${Date.now()}@e2e.example.com`;
    const known = await observe(browser, user.email, javaScriptEnabled);
    const unknown = await observe(browser, unknownEmail, javaScriptEnabled);
    expect(unknown).toEqual(known);
    expect(known.status).toBe(200);
    // Only the account's owner got a mail.
    await readMail(user.email, RESET_SUBJECT, { after: asked });
    expect(await mailsTo(unknownEmail)).toEqual([]);
  });
}
