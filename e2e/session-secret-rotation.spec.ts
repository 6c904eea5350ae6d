// Rotating SESSION_SECRETS: a server started with a new secret prepended
// ("2:<new>,1:<old>") still accepts cookies sealed under the old one, and seals
// new cookies with the new one. Both servers share one database.
import crypto from 'node:crypto';
import { expect, test } from './support/fixtures.ts';
import { e2eSessionSecrets } from './support/environment.ts';
import { startExtraServer, type ExtraServer } from './support/extra-server.ts';
import { plantSessionCookie, sessionCookieValue, signIn } from './support/session.ts';

let rotated: ExtraServer;

test.beforeAll(async () => {
  const newSecret = crypto.randomBytes(32).toString('base64url');
  rotated = await startExtraServer({ database: 'shared', env: { SESSION_SECRETS: `2:${newSecret},${e2eSessionSecrets}` } });
});
test.afterAll(async () => {
  await rotated?.stop();
});

test('a cookie sealed under the old secret stays valid; new cookies use the new secret', async ({ page, context, browser }) => {
  await signIn(page); // on the main server, sealed with id 1
  const oldCookie = await sessionCookieValue(context);
  expect(oldCookie).toMatch(/^Fe26\.2\*1\*/);

  const other = await browser.newContext();
  await plantSessionCookie(other, oldCookie, rotated.baseURL);
  const otherPage = await other.newPage();
  await otherPage.goto(`${rotated.baseURL}/dashboard`);
  await expect(otherPage).toHaveURL(`${rotated.baseURL}/dashboard`);
  await expect(otherPage.getByText('Everyday Checking').first()).toBeVisible();
  await other.close();

  const fresh = await browser.newContext();
  const freshPage = await fresh.newPage();
  await signIn(freshPage, 'alice@example.com', undefined, rotated.baseURL);
  expect(await sessionCookieValue(fresh)).toMatch(/^Fe26\.2\*2\*/);
  await fresh.close();
});
