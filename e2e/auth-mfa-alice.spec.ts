// The issue's own words: alice enables TOTP (codes computed from the key the
// page shows), signs out, and must then pass the code step. On a server with a
// copy of the database, so alice stays password-only for every other spec.
import { generate } from 'otplib';
import { expect, test } from './support/fixtures.ts';
import { startExtraServer, type ExtraServer } from './support/extra-server.ts';
import { getSessionCookie, signIn } from './support/session.ts';
import { AT_HOME } from './support/signed-in.ts';

let server: ExtraServer;
test.beforeAll(async () => {
  server = await startExtraServer({ database: 'copy', env: {} });
});
test.afterAll(async () => {
  await server?.stop();
});

test('alice turns on TOTP, signs out, and from then on needs a code to sign in', async ({ page, context }) => {
  test.setTimeout(60_000);
  await signIn(page, 'alice@example.com', undefined, server.baseURL);
  await page.goto(`${server.baseURL}/security/mfa`);
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const key = (await page.getByTestId('totp-manual-key').textContent())!.replace(/\s+/g, '');
  await page.getByLabel('Current password').fill('correct-horse-battery-staple');
  await page.getByLabel('Code from your app').fill(await generate({ secret: key }));
  await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
  await expect(page.getByTestId('recovery-codes').getByRole('listitem')).toHaveCount(10);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel('Email', { exact: true }).fill('alice@example.com');
  await page.getByLabel('Password', { exact: true }).fill('correct-horse-battery-staple');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/login\/mfa$/);
  expect(await getSessionCookie(context)).toBeUndefined(); // no session before the code

  // The code that turned TOTP on is spent (single use per time step): use the next step's.
  await page.waitForTimeout((30 - ((Date.now() / 1000) % 30)) * 1000 + 500);
  await page.getByLabel('Authentication code').fill(await generate({ secret: key }));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(AT_HOME);
  expect(await getSessionCookie(context)).toBeDefined();
});
