// Hostile input on the sign-in forms: a megabyte, SQL fragments, odd Unicode,
// missing fields. Every one gets a clear form message — never a response ≥ 500,
// never a session — with JavaScript (server-action fetch) and without (plain
// form post, where Next's own body-size limit is met first).
import type { Page, Response } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { INVALID_CREDENTIALS, createThrowawayUser, formAlert, sessionCookie, submitAndSettle, submitPassword } from './auth-helpers.ts';

const MEGABYTE = 'x'.repeat(1024 * 1024);
/** Stands for a fresh unregistered email per test, so no account's failure counter fills up. */
const SOMEONE = '<someone>';

/** Records every response ≥ 500 the page receives. */
function watchServerErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('response', (response: Response) => {
    if (response.status() >= 500) errors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return errors;
}

const cases: { name: string; email: string; password: string; expected: RegExp }[] = [
  { name: '1 MB password', email: SOMEONE, password: MEGABYTE, expected: /too long|too large/i },
  { name: '1 MB email', email: MEGABYTE, password: 'whatever', expected: /too long|too large/i },
  { name: 'SQL in the email', email: "' OR '1'='1' --", password: 'x', expected: new RegExp(INVALID_CREDENTIALS) },
  { name: 'SQL in the password', email: SOMEONE, password: "' OR 1=1; DROP TABLE \"User\"; --", expected: new RegExp(INVALID_CREDENTIALS) },
  { name: 'Unicode (RTL, emoji, combining, NUL)', email: 'ålîçé@exämple.com\u202e', password: '🔒\u0000\u0301ｐａｓｓ', expected: new RegExp(INVALID_CREDENTIALS) },
  { name: 'whitespace only', email: '   ', password: '   ', expected: /Enter your email address/ },
  { name: 'empty password', email: SOMEONE, password: '', expected: /Enter your password/ },
];

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });
    test.describe.configure({ timeout: 60_000 });

    for (const { name, email, password, expected } of cases) {
      test(`login: ${name} → a clear message, no 5xx, no session`, async ({ page, context }) => {
        const errors = watchServerErrors(page);
        await page.goto('/login');
        // fill() would be slow for a megabyte; set the values directly.
        await page.evaluate(
          ([e, p]) => {
            (document.getElementById('email') as HTMLInputElement).value = e!;
            (document.getElementById('password') as HTMLInputElement).value = p!;
          },
          [email === SOMEONE ? `fuzz-${Date.now()}-${Math.random().toString(36).slice(2)}@e2e.example.com` : email, password],
        );
        await submitAndSettle(page, page.getByRole('button', { name: /^Sign(ing)? in(…)?$/ }));
        await expect(formAlert(page)).toHaveText(expected, { timeout: 15_000 });
        expect(errors).toEqual([]);
        expect(await sessionCookie(context)).toBeUndefined();
      });
    }

    test('login: fields missing from the post altogether → a clear message, no 5xx', async ({ page }) => {
      const errors = watchServerErrors(page);
      for (const missing of [['email'], ['password'], ['email', 'password']]) {
        await page.goto('/login');
        await page.getByLabel('Email', { exact: true }).fill('fuzz-missing@e2e.example.com');
        await page.getByLabel('Password', { exact: true }).fill('whatever');
        await page.evaluate((ids) => ids.forEach((id) => document.getElementById(id)?.removeAttribute('name')), missing);
        await submitAndSettle(page, page.getByRole('button', { name: /^Sign(ing)? in(…)?$/ }));
        await expect(formAlert(page)).toHaveText(/Enter your (email address|password)/);
      }
      expect(errors).toEqual([]);
    });
  });
}

test('code step: a megabyte, SQL and Unicode as the code → "not valid", no 5xx, no session', async ({ page, context }) => {
  const user = await createThrowawayUser('fuzz-mfa', { totp: true });
  const errors = watchServerErrors(page);
  await submitPassword(page, user.email, user.password);
  await expect(page).toHaveURL(/\/login\/mfa$/);
  for (const code of ["' OR 1=1 --", '١٢٣٤٥٦', '12345\u0000', 'x'.repeat(100_000)]) {
    await page.evaluate((value) => {
      const input = document.getElementById('code') as HTMLInputElement;
      input.removeAttribute('maxlength');
      input.value = value;
    }, code);
    await submitAndSettle(page, page.getByRole('button', { name: /^Verif/ }));
    await expect(formAlert(page)).toHaveText(/not valid|too long|too large/i);
  }
  expect(errors).toEqual([]);
  expect(await sessionCookie(context)).toBeUndefined();
});
