// After login the session cookie carries every protective attribute.
import { expect, test } from './support/fixtures.ts';
import { SESSION_COOKIE, getSessionCookie, signIn } from './support/session.ts';
import { HOME_PATH } from './support/signed-in.ts';

test('the session cookie is __Host-, Secure, HttpOnly, SameSite=Lax, Path=/, host-only, session-scoped', async ({ page, context }) => {
  const setCookieHeaders: string[] = [];
  page.on('response', async (response) => {
    for (const header of (await response.headersArray()).filter((h) => h.name.toLowerCase() === 'set-cookie')) {
      if (header.value.startsWith(`${SESSION_COOKIE}=`)) setCookieHeaders.push(header.value);
    }
  });
  await signIn(page);

  const cookie = await getSessionCookie(context);
  expect(cookie).toBeDefined();
  expect(cookie).toMatchObject({ name: SESSION_COOKIE, secure: true, httpOnly: true, sameSite: 'Lax', path: '/', expires: -1 });
  expect(cookie?.domain).toBe('localhost'); // host-only: no leading dot, no Domain attribute

  // The raw header, as the server sent it.
  expect(setCookieHeaders.length).toBeGreaterThan(0);
  const header = setCookieHeaders[0] ?? '';
  expect(header).toMatch(/;\s*Secure/i);
  expect(header).toMatch(/;\s*HttpOnly/i);
  expect(header).toMatch(/;\s*SameSite=Lax/i);
  expect(header).toMatch(/;\s*Path=\//i);
  expect(header).not.toMatch(/;\s*Domain=/i);
  expect(header).not.toMatch(/;\s*(Max-Age|Expires)=/i);
});

test('protected pages are not cacheable', async ({ page }) => {
  await signIn(page);
  const response = await page.goto(HOME_PATH);
  expect(response?.headers()['cache-control']).toMatch(/no-store/);
});
