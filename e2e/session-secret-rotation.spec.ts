// Rotating SESSION_SECRETS: a server started with a new secret prepended
// ("2:<new>,1:<old>") still accepts cookies sealed under the old one. While its
// SESSION_KEY_ROLLOUT window lasts it keeps sealing with the old key, which
// servers not yet restarted know (ADR 026); with SESSION_KEY_ROLLOUT=0 it seals
// with the new key at once. All servers share one database.
import crypto from 'node:crypto';
import { expect, test } from './support/fixtures.ts';
import { e2eSessionSecrets } from './support/environment.ts';
import { startExtraServer, type ExtraServer } from './support/extra-server.ts';
import { plantSessionCookie, sessionCookieValue, signIn } from './support/session.ts';
import { HOME_PATH, expectSignedIn } from './support/signed-in.ts';

let rollingOut: ExtraServer; // default SESSION_KEY_ROLLOUT (15 minutes): freshly started, inside its window
let immediate: ExtraServer; // SESSION_KEY_ROLLOUT=0

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const rotatedSecrets = `2:${crypto.randomBytes(32).toString('base64url')},${e2eSessionSecrets}`;
  rollingOut = await startExtraServer({ database: 'shared', env: { SESSION_SECRETS: rotatedSecrets } });
  immediate = await startExtraServer({ database: 'shared', env: { SESSION_SECRETS: rotatedSecrets, SESSION_KEY_ROLLOUT: '0' } });
});
test.afterAll(async () => {
  await rollingOut?.stop();
  await immediate?.stop();
});

test('a cookie sealed under the old secret stays valid on a server with the new one', async ({ page, context, browser }) => {
  await signIn(page); // on the main server, sealed with id 1
  const oldCookie = await sessionCookieValue(context);
  expect(oldCookie).toMatch(/^Fe26\.2\*1\*/);

  for (const server of [rollingOut, immediate]) {
    const other = await browser.newContext();
    await plantSessionCookie(other, oldCookie, server.baseURL);
    const otherPage = await other.newPage();
    await otherPage.goto(`${server.baseURL}${HOME_PATH}`);
    await expect(otherPage).toHaveURL(`${server.baseURL}${HOME_PATH}`);
    await expectSignedIn(otherPage, 'Alice Andersen');
    await other.close();
  }
});

test('inside its rollout window a restarted server seals with the old key, which a server without the new key accepts', async ({ browser, baseURL }) => {
  const fresh = await browser.newContext();
  const freshPage = await fresh.newPage();
  await signIn(freshPage, 'alice@example.com', undefined, rollingOut.baseURL);
  const cookie = await sessionCookieValue(fresh);
  expect(cookie).toMatch(/^Fe26\.2\*1\*/);
  await fresh.close();

  // The main e2e server has only ever heard of key 1.
  const old = await browser.newContext();
  await plantSessionCookie(old, cookie, baseURL!);
  const oldPage = await old.newPage();
  await oldPage.goto(`${baseURL}${HOME_PATH}`);
  await expect(oldPage).toHaveURL(`${baseURL}${HOME_PATH}`);
  await old.close();
});

test('with SESSION_KEY_ROLLOUT=0 new cookies use the new secret at once', async ({ browser }) => {
  const fresh = await browser.newContext();
  const freshPage = await fresh.newPage();
  await signIn(freshPage, 'alice@example.com', undefined, immediate.baseURL);
  expect(await sessionCookieValue(fresh)).toMatch(/^Fe26\.2\*2\*/);
  await fresh.close();
});
