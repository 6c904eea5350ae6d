// The suite's neutral "signed in?" (ADR 038): /api/me answers the signed-in
// user's identity and how this session was authenticated — nothing secret — and
// a JSON 401 without a session; every signed-in page shows the same user in the
// app shell, whose name leads to the profile page.
import { expect, test } from './support/fixtures.ts';
import { createThrowawayUser, signInAs } from './auth-helpers.ts';
import { fetchWithCookie, sessionCookieValue } from './support/session.ts';
import { ME_PATH, PROFILE_PATH, expectSignedIn } from './support/signed-in.ts';

test('without a session /api/me is a JSON 401, never cached', async ({ baseURL }) => {
  for (const cookie of [null, 'bogus']) {
    const response = await fetchWithCookie(`${baseURL}${ME_PATH}`, cookie);
    expect(response.status).toBe(401);
    expect(response.headers.get('cache-control')).toContain('no-store');
    expect(await response.json()).toEqual({ error: 'unauthenticated' });
  }
});

test('signed in, /api/me names the user and the session’s authentication level, and the app shell shows the same user', async ({ page, context, baseURL }) => {
  const user = await createThrowawayUser('me', { totp: true });
  await signInAs(page, user);

  const response = await fetchWithCookie(`${baseURL}${ME_PATH}`, await sessionCookieValue(context));
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toContain('no-store');
  const body = await response.text();
  expect(JSON.parse(body)).toEqual({ id: user.id, email: user.email, name: 'E2E me', authLevel: 'multi-factor', mfa: { totp: true, passkey: false } });
  // Nothing an attacker could use: no hashes, secrets or session tokens.
  expect(body).not.toMatch(/hash|secret|token|password|argon2/i);
  expect(body).not.toContain(user.totpSecret!);

  await expectSignedIn(page, 'E2E me');
  await page.getByRole('banner').getByRole('link', { name: 'E2E me' }).click();
  await expect(page).toHaveURL(new RegExp(`${PROFILE_PATH}$`));
  await expect(page.getByRole('heading', { name: 'Profile' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(user.email);
  await expect(page.getByRole('main')).toContainText('Signed in with your password and a second factor');
});
