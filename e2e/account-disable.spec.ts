// An operator disables an account (ADR 044, ASVS 7.4.2): every browser signed
// in to it is sent to sign in at its next request, a correct password is refused
// exactly like a wrong one, and once enabled again the owner signs in. Runs on
// SQLite and, in CI, on PostgreSQL: the user is created and the commands run
// against whichever database the e2e server uses.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { expect, test } from './support/fixtures.ts';
import { e2eServerEnv } from './support/environment.ts';
import { INVALID_CREDENTIALS, formAlert, submitPassword } from './auth-helpers.ts';

const projectRoot = path.resolve(import.meta.dirname, '..');

function run(script: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: e2eServerEnv.DATABASE_URL, SESSION_SECRETS: e2eServerEnv.SESSION_SECRETS },
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

test('a disabled account: its signed-in browsers are out at their next request, sign-in is refused like a wrong password, enabling lets it back in', async ({ browser }) => {
  test.setTimeout(90_000);
  const user = { email: `disabled-${randomBytes(5).toString('hex')}@e2e.example.com`, password: 'a throwaway passphrase for e2e' };
  run('e2e/support/create-user.ts', user.email, user.password);

  // Two browsers of the owner, both signed in.
  const contexts = [await browser.newContext(), await browser.newContext()];
  const pages = await Promise.all(contexts.map((context) => context.newPage()));
  for (const page of pages) {
    await submitPassword(page, user.email, user.password);
    await expect(page).not.toHaveURL(/\/login/);
    await page.goto('/security');
    await expect(page).toHaveURL(/\/security$/);
  }

  expect(run('scripts/account-access.ts', 'disable', user.email)).toContain(`Disabled ${user.email}; ended 2 session(s).`);

  for (const page of pages) {
    await page.goto('/security');
    await expect(page).toHaveURL(/\/login\?reason=revoked/);
  }
  const outsider = await browser.newContext();
  const page = await outsider.newPage();
  await submitPassword(page, user.email, user.password);
  await expect(formAlert(page)).toHaveText(INVALID_CREDENTIALS);

  expect(run('scripts/account-access.ts', 'enable', user.email)).toContain(`Enabled ${user.email}`);
  await submitPassword(page, user.email, user.password);
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto('/security');
  await expect(page.getByText('Account disabled by support')).toBeVisible();
  await expect(page.getByText('Account enabled again by support')).toBeVisible();
  for (const context of [...contexts, outsider]) await context.close();
});
