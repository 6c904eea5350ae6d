// Periodic regeneration (the e2e server rotates every 2 s, grace 2 s): the cookie
// changes on a navigation after the interval, the old one survives the grace
// window, and a burst of parallel requests across the boundary logs nobody out.
import { expect, test } from './support/fixtures.ts';
import { e2eSessionPolicy } from './support/environment.ts';
import { fetchWithCookie, sessionCookieValue, sessionIdOf, setCookieValue, signIn } from './support/session.ts';

const rotationMs = Number.parseFloat(e2eSessionPolicy.SESSION_ROTATION_INTERVAL) * 1000;
const pastRotation = () => new Promise((resolve) => setTimeout(resolve, rotationMs + 300));

test('a navigation after the interval changes the cookie; the old one still works inside the grace window', async ({ page, context, baseURL }) => {
  await signIn(page);
  const before = await sessionCookieValue(context);
  await pastRotation();
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const after = await sessionCookieValue(context);
  expect(after).not.toBe(before);
  expect(await sessionIdOf(after)).toBe(await sessionIdOf(before)); // same session, new secret

  const inGrace = await fetchWithCookie(`${baseURL}/dashboard`, before);
  expect(inGrace.status).toBe(200);
});

test('30 parallel requests with one cookie across a rotation boundary are all authenticated', async ({ page, context, baseURL }) => {
  await signIn(page);
  const cookie = await sessionCookieValue(context);
  await pastRotation();

  const responses = await Promise.all(Array.from({ length: 30 }, () => fetchWithCookie(`${baseURL}/dashboard`, cookie)));
  const statuses = responses.map((r) => r.status);
  const redirectsToLogin = responses.filter((r) => (r.headers.get('location') ?? '').includes('/login'));
  expect(redirectsToLogin).toHaveLength(0);
  expect(statuses.every((s) => s === 200)).toBe(true);

  // Exactly one of them rotated; every other one carried on with the old secret.
  const issued = new Set(responses.map(setCookieValue).filter((v): v is string => Boolean(v)));
  expect(issued.size).toBe(1);
  const [next] = [...issued];
  expect((await fetchWithCookie(`${baseURL}/dashboard`, next!)).status).toBe(200);
});
