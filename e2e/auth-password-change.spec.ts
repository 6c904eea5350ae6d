// Password change: needs the current password (and a fresh authentication),
// revokes every other session of the user, and regenerates the current one.
// Throwaway users: changing alice's password would break every other spec.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { sessionIdOf } from './support/session.ts';
import {
  INVALID_CREDENTIALS,
  auditCount,
  createThrowawayUser,
  sessionCookie,
  sessionRow,
  signInAs,
  signOut,
  submitPassword,
  formAlert,
  submitAndSettle,
} from './auth-helpers.ts';
import { AT_HOME, HOME_PATH } from './support/signed-in.ts';

async function changePassword(page: Page, current: string, next: string, confirm = next): Promise<void> {
  await page.getByLabel('Current password', { exact: true }).fill(current);
  await page.getByLabel('New password', { exact: true }).fill(next);
  await page.getByLabel('Confirm new password', { exact: true }).fill(confirm);
  await submitAndSettle(page, page.getByRole('button', { name: /^Chang(e|ing) password/ }));
}

test('changing the password in context A signs context B out; A stays signed in with a new cookie', async ({ browser }) => {
  const user = await createThrowawayUser('password-change');
  const a = await browser.newContext();
  const b = await browser.newContext();
  const pageA = await a.newPage();
  const pageB = await b.newPage();
  await signInAs(pageA, user);
  await signInAs(pageB, user);
  const cookieB = (await sessionCookie(b))!.value;

  await pageA.goto('/security/password');
  await expect(pageA.getByRole('heading', { name: 'Change password' })).toBeVisible();
  const before = (await sessionCookie(a))!.value;
  const newPassword = 'a brand new passphrase for e2e';
  await changePassword(pageA, user.password, newPassword);
  await expect(pageA.getByRole('main').getByRole('status')).toContainText('Your password was changed');
  await expect(pageA.getByRole('main').getByRole('status')).toContainText('One other session was signed out');

  // A: a new cookie naming a new session; the old one is revoked; still signed in.
  const after = (await sessionCookie(a))!.value;
  expect(after).not.toBe(before);
  expect(await sessionIdOf(after)).not.toBe(await sessionIdOf(before));
  expect(sessionRow(await sessionIdOf(before))?.revokedAt).not.toBeNull();
  expect(sessionRow(await sessionIdOf(before))?.revokedReason).toBe('credential-changed');
  await pageA.goto(HOME_PATH);
  await expect(pageA).toHaveURL(AT_HOME);

  // B: signed out, its session revoked for the password change.
  expect(sessionRow(await sessionIdOf(cookieB))?.revokedReason).toBe('password-changed');
  await pageB.goto(HOME_PATH);
  await expect(pageB).toHaveURL(/\/login\?reason=revoked/);
  expect(auditCount('password.changed', user.id)).toBe(1);

  // The old password is gone, the new one works.
  await signOut(pageA);
  await submitPassword(pageA, user.email, user.password);
  await expect(formAlert(pageA)).toHaveText(INVALID_CREDENTIALS);
  await signInAs(pageA, { email: user.email, password: newPassword });
  await a.close();
  await b.close();
});

test('the form refuses a wrong current password and weak new ones, with a clear message on the right field', async ({ browser }) => {
  const user = await createThrowawayUser('password-rules');
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, user);
  await page.goto('/security/password');
  const alert = formAlert(page);

  const cases: [current: string, next: string, confirm: string, message: RegExp, field: string][] = [
    [user.password, 'short', 'short', /at least 12 characters/, 'New password'],
    [user.password, user.email, user.email, /cannot be your email/, 'New password'],
    [user.password, 'Password1234', 'Password1234', /too common/, 'New password'],
    [user.password, 'one long passphrase', 'another long passphrase', /do not match/, 'Confirm new password'],
    ['not my password', 'one long passphrase', 'one long passphrase', /current password is incorrect/, 'Current password'],
    [user.password, user.password, user.password, /different from the current one/, 'New password'],
    ['', 'one long passphrase', 'one long passphrase', /Enter your current password/, 'Current password'],
  ];
  for (const [current, next, confirm, message, field] of cases) {
    await changePassword(page, current, next, confirm);
    await expect(alert).toHaveText(message);
    await expect(page.getByLabel(field, { exact: true })).toHaveAttribute('aria-invalid', 'true');
  }
  // Nothing was changed: the original password still signs in.
  await signOut(page);
  await signInAs(page, user);
  await context.close();
});
