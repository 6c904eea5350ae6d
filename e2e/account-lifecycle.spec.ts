// The owner changes her sign-in address and deletes her account (ADR 046), in
// real Chromium, with every mail read from the real SMTP server the app sent it
// through (e2e/support/mail-catcher.ts). Runs on SQLite and, in .ci/run, on
// PostgreSQL (users from support/users.ts).
import type { Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { expect, test, watchCsp } from './support/fixtures.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { INVALID_CREDENTIALS, formAlert, submitAndSettle, submitPassword } from './auth-helpers.ts';
import { e2eBaseURL } from './support/environment.ts';
import { linkIn, mailsTo, readMail } from './support/mail.ts';
import { createE2eUser } from './support/users.ts';
import { AT_HOME, HOME_PATH, PROFILE_PATH } from './support/signed-in.ts';
import { APP_NAME } from '../lib/config/app-name.ts';

test.describe.configure({ timeout: 120_000 });

const REQUESTED = /^We've emailed a confirmation link to .+\. Your sign-in address changes only when that link is opened, within 60 minutes\.$/;

async function askForChange(page: Page, newEmail: string): Promise<void> {
  await page.goto('/security');
  await page.getByRole('link', { name: 'Change sign-in address' }).click();
  await expect(page).toHaveURL(/\/security\/email$/);
  await expectNoAxeViolations(page, '/security/email');
  await page.getByLabel('New email address', { exact: true }).fill(newEmail);
  await submitAndSettle(page, page.getByRole('button', { name: /^Send(ing)? confirmation link/ }));
  await expect(page.getByRole('main').getByRole('status')).toHaveText(REQUESTED);
}

test('email change → confirmation mail at the new address → confirm: the new address signs in, the old one fails, the old address is told', async ({
  page,
  browser,
  cspViolations,
}) => {
  const user = await createE2eUser('change');
  const newEmail = `moved-${randomBytes(5).toString('hex')}@e2e.example.com`;
  // Signed in elsewhere too: that session ends when the change is confirmed.
  const elsewhere = await browser.newContext();
  watchCsp(elsewhere, cspViolations);
  const otherPage = await elsewhere.newPage();
  await submitPassword(otherPage, user.email, user.password);
  await expect(otherPage).toHaveURL(AT_HOME);

  await submitPassword(page, user.email, user.password);
  await expect(page).toHaveURL(AT_HOME);
  const asked = new Date(Date.now() - 1_000);
  await askForChange(page, newEmail);
  // Nothing changes until the link is opened.
  await page.goto(PROFILE_PATH);
  await expect(page.getByText(user.email, { exact: true })).toBeVisible();

  const mail = await readMail(newEmail, `Confirm your new ${APP_NAME} sign-in address`, { after: asked });
  const link = linkIn(mail, `${e2eBaseURL}/confirm-email?token=`);
  // Opened in another browser (a phone's mail app): no session needed, and opening alone changes nothing.
  const phone = await browser.newContext();
  watchCsp(phone, cspViolations);
  const phonePage = await phone.newPage();
  const response = await phonePage.goto(link);
  await expect(phonePage).toHaveURL(`${e2eBaseURL}/confirm-email/confirm`);
  const redirect = await response!.request().redirectedFrom()!.response();
  expect(redirect!.status()).toBe(303);
  expect(redirect!.headers()['referrer-policy']).toBe('no-referrer');
  await expect(phonePage.getByRole('main')).toContainText(`signs in with ${newEmail}`);
  await expectNoAxeViolations(phonePage, '/confirm-email/confirm');
  await submitAndSettle(phonePage, phonePage.getByRole('button', { name: /^Confirm(ing)? new address/ }));
  await expect(phonePage).toHaveURL(/\/login\?reason=email-changed$/);

  // Every session of the account ended at its next request.
  for (const signedIn of [page, otherPage]) {
    await signedIn.goto(HOME_PATH);
    await expect(signedIn).toHaveURL(/\/login/);
  }
  // The old address is told, the new one masked.
  const notice = await readMail(user.email, `Your ${APP_NAME} sign-in address was changed`, { after: asked });
  expect(notice.text).toContain(`changed to m***@e2e.example.com`);
  expect(notice.text).not.toContain(newEmail);

  // The old address fails like a wrong password; the new one signs in.
  await submitPassword(page, user.email, user.password);
  await expect(formAlert(page)).toHaveText(INVALID_CREDENTIALS);
  await submitPassword(page, newEmail, user.password);
  await expect(page).toHaveURL(AT_HOME);
  await page.goto(PROFILE_PATH);
  await expect(page.getByText(newEmail, { exact: true })).toBeVisible();

  // The same link again: refused.
  await phonePage.goto(link);
  await expect(phonePage.getByRole('main').getByRole('alert')).toHaveText('This confirmation link has expired, has already been used, or was replaced by a newer one.');
  for (const context of [elsewhere, phone]) await context.close();
  expect(cspViolations).toEqual([]);
});

test('asking for an address that already has an account: the same answer; its owner gets a notice, never a link, and nothing changes', async ({ page }) => {
  const user = await createE2eUser('change-taken');
  const other = await createE2eUser('change-owner');
  await submitPassword(page, user.email, user.password);
  await expect(page).toHaveURL(AT_HOME);
  const asked = new Date(Date.now() - 1_000);
  await askForChange(page, other.email);
  const notice = await readMail(other.email, `Your address was entered for another ${APP_NAME} account`, { after: asked });
  expect(notice.text).not.toMatch(/token=/);
  expect((await mailsTo(other.email)).filter((m) => Date.parse(m.receivedAt) >= asked.getTime())).toHaveLength(1);
  await page.goto(PROFILE_PATH);
  await expect(page.getByText(user.email, { exact: true })).toBeVisible();
});

test('delete account → every session of the user ends at its next request; sign-in afterwards fails like a wrong password', async ({ page, browser, cspViolations }) => {
  const user = await createE2eUser('delete');
  // A second browser, signed in too.
  const second = await browser.newContext();
  watchCsp(second, cspViolations);
  const secondPage = await second.newPage();
  await submitPassword(secondPage, user.email, user.password);
  await expect(secondPage).toHaveURL(AT_HOME);

  await submitPassword(page, user.email, user.password);
  await expect(page).toHaveURL(AT_HOME);
  await page.goto('/security');
  await page.getByRole('link', { name: 'Delete account' }).click();
  await expect(page).toHaveURL(/\/security\/delete$/);
  await expectNoAxeViolations(page, '/security/delete');
  const confirmation = page.getByLabel('Type your email address to confirm', { exact: true });
  // A wrong confirmation deletes nothing.
  await confirmation.fill('not-my-address@e2e.example.com');
  await submitAndSettle(page, page.getByRole('button', { name: /^Delet(e|ing) account/ }));
  await expect(formAlert(page)).toHaveText('To confirm, type your email address exactly as shown.');
  await secondPage.goto(PROFILE_PATH);
  await expect(secondPage).toHaveURL(new RegExp(`${PROFILE_PATH}$`));

  const asked = new Date(Date.now() - 1_000);
  await confirmation.fill(user.email);
  await submitAndSettle(page, page.getByRole('button', { name: /^Delet(e|ing) account/ }));
  await expect(page).toHaveURL(/\/login\?reason=account-deleted$/);
  await expect(page.getByRole('main').getByRole('status')).toContainText('Your account was deleted');

  // The other browser is out at its next request.
  await secondPage.goto(PROFILE_PATH);
  await expect(secondPage).toHaveURL(/\/login\?reason=revoked/);
  await readMail(user.email, `Your ${APP_NAME} account was deleted`, { after: asked });

  // Signing in afterwards fails exactly like a wrong password.
  await submitPassword(page, user.email, user.password);
  await expect(formAlert(page)).toHaveText(INVALID_CREDENTIALS);
  await submitPassword(page, user.email, 'not the password at all');
  await expect(formAlert(page)).toHaveText(INVALID_CREDENTIALS);
  await second.close();
  expect(cspViolations).toEqual([]);
});
