// Open redirects after sign-in: a `next=` that normalises to "//host" (dot
// segments, encoded dots) must never take a freshly signed-in user off-site.
// Each target is tried twice: through the login URL (the page's own check) and
// written straight into the form's hidden field (only the server action's check).
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { createThrowawayUser, signOut, submitCode, submitPassword, unusedTotpCode, type ThrowawayUser } from './auth-helpers.ts';
import { AT_HOME } from './support/signed-in.ts';

const targets = [
  '//evil.example/',
  '/\\evil.example/',
  '/.//evil.example/',
  '/%2e//evil.example/',
  '/%2E%2E//evil.example/',
  '/a/..//evil.example/',
  '/a/%2e%2e//evil.example/',
  '/././/evil.example/',
  'https://evil.example/',
  '/\t/evil.example/',
];

test.describe.configure({ timeout: 120_000 });

let user: ThrowawayUser;
test.beforeAll(async () => {
  user = await createThrowawayUser('redirect');
});

async function expectSameOriginHome(page: Page, baseURL: string): Promise<void> {
  await expect(page).toHaveURL(AT_HOME);
  expect(new URL(page.url()).origin).toBe(new URL(baseURL).origin);
}

/** Puts `next` into the login form as if the page had rendered it. */
async function forceNextField(page: Page, next: string): Promise<void> {
  await page.evaluate((value) => {
    const form = document.querySelector('form')!;
    let field = form.querySelector<HTMLInputElement>('input[name="next"]');
    if (!field) {
      field = document.createElement('input');
      field.type = 'hidden';
      field.name = 'next';
      form.append(field);
    }
    field.value = value;
  }, next);
}

test('signing in with each hostile next= ends on the same-origin home page', async ({ page, baseURL }) => {
  for (const target of targets) {
    await test.step(`via /login?next=${target}`, async () => {
      await page.goto(`/login?next=${encodeURIComponent(target)}`);
      await submitPassword(page, user.email, user.password);
      await expectSameOriginHome(page, baseURL!);
      await signOut(page);
    });
    await test.step(`via the form field next=${target}`, async () => {
      await page.goto('/login');
      await forceNextField(page, target);
      await submitPassword(page, user.email, user.password);
      await expectSameOriginHome(page, baseURL!);
      await signOut(page);
    });
  }
});

test('a same-site next= is still honoured', async ({ page }) => {
  await page.goto(`/login?next=${encodeURIComponent('/a/../security')}`);
  await submitPassword(page, user.email, user.password);
  await expect(page).toHaveURL(/\/security$/);
});

test('with a code step, a hostile next= carried through the pending login also ends same-origin', async ({ page, baseURL }) => {
  const mfaUser = await createThrowawayUser('redirect-mfa', { totp: true });
  await page.goto(`/login?next=${encodeURIComponent('/.//evil.example/')}`);
  await forceNextField(page, '/a/..//evil.example/');
  await submitPassword(page, mfaUser.email, mfaUser.password);
  await expect(page).toHaveURL(/\/login\/mfa$/);
  await submitCode(page, await unusedTotpCode(mfaUser.totpSecret!, mfaUser.email));
  await expectSameOriginHome(page, baseURL!);
});
