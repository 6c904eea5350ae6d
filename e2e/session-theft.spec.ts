// The acceptance case of docs/decisions/016-rotation-rule.md, with the issue's
// timing (rotation 10 s, grace 3 s): a thief replays a cookie copied before a
// rotation while the owner is quiet. The thief may read while nothing tells
// the two apart — but within a few seconds of the owner's next request the
// copy reads nothing, the owner is never the only one signed out, and the
// owner's security centre names the theft.
import { expect, test } from './support/fixtures.ts';
import type { ExtraServer } from './support/extra-server.ts';
import { sleep, startRotationServer } from './support/rotation-server.ts';
import { fetchWithCookie, sessionCookieValue, signIn } from './support/session.ts';
import { HOME_PATH } from './support/signed-in.ts';

const rotationMs = 10_000;
const graceMs = 3_000;

let server: ExtraServer;
test.beforeAll(async () => {
  server = await startRotationServer({ rotationMs, graceMs });
});
test.afterAll(async () => {
  await server?.stop();
});

test('a copy replayed while the owner is quiet stops reading within seconds of the owner\'s return', async ({ page, context }) => {
  test.setTimeout(90_000);
  const baseURL = server.baseURL;
  await signIn(page, undefined, undefined, baseURL);
  const stolen = await sessionCookieValue(context);

  // The owner's browser rotates on a data request (no page: nothing else follows), then goes quiet
  // (no tab of ours stays open, so not even the idle warning's status poll uses the new secret).
  await page.goto('about:blank');
  await sleep(rotationMs + 500);
  const rotating = await page.request.get(`${baseURL}/api/me`);
  expect(rotating.status()).toBe(200);
  await expect.poll(() => sessionCookieValue(context)).not.toBe(stolen);

  // The thief replays the copy while the owner is away — for longer than the grace,
  // but within the interval: nothing yet tells the two apart.
  const thief = () => fetchWithCookie(`${baseURL}/api/me`, stolen);
  const quietUntil = Date.now() + graceMs + 2_000;
  while (Date.now() < quietUntil) {
    expect((await thief()).status).toBe(200);
    await sleep(500);
  }

  // The owner comes back.
  await page.goto(`${baseURL}${HOME_PATH}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const ownerBack = Date.now();

  // Within the grace (plus a request's margin) the copy reads nothing any more.
  let cutOffAfterMs: number | undefined;
  while (Date.now() - ownerBack < graceMs + 5_000) {
    if ((await thief()).status === 401) {
      cutOffAfterMs = Date.now() - ownerBack;
      break;
    }
    await sleep(250);
  }
  expect(cutOffAfterMs, 'the copy still read data after the owner returned').toBeDefined();
  expect(cutOffAfterMs!).toBeLessThan(graceMs + 2_000);
  console.log(`[theft] copy cut off ${cutOffAfterMs} ms after the owner's return (grace ${graceMs} ms)`);

  // The session itself is over for both holders; the owner signs in again and sees why.
  await page.goto(`${baseURL}${HOME_PATH}`);
  await expect(page).toHaveURL(/\/login\?reason=revoked/);
  expect((await thief()).status).toBe(401);
  await signIn(page, undefined, undefined, baseURL);
  await page.goto(`${baseURL}/security`);
  await expect(page.getByText('Possible session theft detected — session ended').first()).toBeVisible();
});
