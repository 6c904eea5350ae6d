// Session fixation: a cookie planted before login must be worthless after it.
import { expect, test } from './support/fixtures.ts';
import { findSession, openE2eDatabase } from './support/database.ts';
import { plantSessionCookie, sessionCookieValue, sessionIdOf, signIn } from './support/session.ts';
import { HOME_PATH } from './support/signed-in.ts';

test('a valid session cookie planted before login is replaced and revoked server-side', async ({ browser, baseURL }) => {
  // The attacker signs in and plants their own live cookie in the victim's browser.
  const attacker = await browser.newContext();
  const attackerPage = await attacker.newPage();
  await signIn(attackerPage);
  const planted = await sessionCookieValue(attacker);

  const victim = await browser.newContext();
  await plantSessionCookie(victim, planted, baseURL!);
  const victimPage = await victim.newPage();
  await signIn(victimPage);

  const after = await sessionCookieValue(victim);
  expect(after).not.toBe(planted);
  expect(await sessionIdOf(after)).not.toBe(await sessionIdOf(planted));

  const db = openE2eDatabase();
  try {
    const row = findSession(db, await sessionIdOf(planted));
    expect(row?.revokedAt).not.toBeNull();
    expect(row?.revokedReason).toBe('login-replaced');
  } finally {
    db.close();
  }
  // …and the planted cookie no longer opens anything.
  await attackerPage.goto(HOME_PATH);
  await expect(attackerPage).toHaveURL(/\/login/);
  await attacker.close();
  await victim.close();
});

test('an arbitrary planted value is ignored and replaced', async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  await plantSessionCookie(context, 'attacker-chosen-value', baseURL!);
  const page = await context.newPage();
  await signIn(page);
  expect(await sessionCookieValue(context)).not.toBe('attacker-chosen-value');
  await context.close();
});
