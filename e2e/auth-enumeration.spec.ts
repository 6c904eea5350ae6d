// User enumeration: a wrong password for a registered email and any password
// for an unregistered one must look exactly alike — same status, same page text,
// same cookies — with JavaScript (server action fetch) and without (form post).
// (Timing is covered by lib/auth/sign-in/sign-in.test.ts; lockout by auth-lockout.spec.ts.)
import type { Browser, Response } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { INVALID_CREDENTIALS, createThrowawayUser, formAlert, submitPassword } from './auth-helpers.ts';

type Observation = { status: number; text: string; cookies: string[]; alert: string };

async function attempt(browser: Browser, email: string, password: string, javaScriptEnabled: boolean): Promise<Observation> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await page.goto('/login');
  const posted = page.waitForResponse((response: Response) => response.request().method() === 'POST');
  await submitPassword(page, email, password);
  const response = await posted;
  await expect(formAlert(page)).toBeVisible();
  const observation = {
    status: response.status(),
    // The whole card, with the echoed email taken out (it differs by construction).
    text: (await page.locator('main').innerText()).replaceAll(email, '<email>'),
    cookies: (await context.cookies()).map((cookie) => cookie.name).sort(),
    alert: (await formAlert(page).innerText()).trim(),
  };
  await context.close();
  return observation;
}

for (const javaScriptEnabled of [true, false]) {
  test(`wrong password for a registered email and an unregistered email answer identically (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, async ({ browser }) => {
    const user = await createThrowawayUser('enumeration');
    const known = await attempt(browser, user.email, 'not the password', javaScriptEnabled);
    const unknown = await attempt(browser, `no-such-user-${Date.now()}@e2e.example.com`, 'not the password', javaScriptEnabled);
    expect(known.alert).toBe(INVALID_CREDENTIALS);
    expect(unknown).toEqual(known);
    expect(known.status).toBeLessThan(500);
    expect(known.cookies).not.toContain('__Host-session');
  });
}

test('a registered email with TOTP and a wrong password looks the same as any other failure', async ({ browser }) => {
  const user = await createThrowawayUser('enumeration-totp', { totp: true });
  const withTotp = await attempt(browser, user.email, 'not the password', true);
  const unknown = await attempt(browser, `no-such-user-${Date.now()}@e2e.example.com`, 'not the password', true);
  expect(withTotp).toEqual(unknown);
});
