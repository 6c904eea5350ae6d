// The login page's demo hint (a public password) appears only where the seeded
// demo users exist, and never on a server launched with NODE_ENV=production —
// not even over a database that has them (lib/dal/demo-users.ts).
import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_USERS } from '../prisma/seed/demo-users.ts';
import { expect, test } from './support/fixtures.ts';
import { startExtraServer } from './support/extra-server.ts';

/** /login of a server with `options`, rendered, and without the demo password anywhere in it. */
async function expectNoDemoPassword(page: Page, options: Parameters<typeof startExtraServer>[0]): Promise<void> {
  const server = await startExtraServer(options);
  try {
    await page.goto(`${server.baseURL}/login`);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    expect(await page.content()).not.toContain(DEMO_PASSWORD);
  } finally {
    await server.stop();
  }
}

test('the seeded e2e server shows the demo logins on /login', async ({ page }) => {
  await page.goto('/login');
  const hint = page.getByText(DEMO_PASSWORD);
  await expect(hint).toBeVisible();
  await expect(hint).toContainText('alice@example.com');
});

test('without the demo users, /login shows no demo password', async ({ page }) => {
  test.setTimeout(90_000);
  const emails = DEMO_USERS.map((user) => user.email);
  await expectNoDemoPassword(page, {
    database: 'copy',
    env: {},
    // The accounts stay (another product's users); only the demo addresses are gone.
    prepare: (db) => db.prepare(`UPDATE "User" SET email = 'former-' || email WHERE email IN (${emails.map(() => '?').join(', ')})`).run(...emails),
  });
});

test('a server launched with NODE_ENV=production shows no demo password, though the demo users exist', async ({ page }) => {
  test.setTimeout(90_000);
  await expectNoDemoPassword(page, { database: 'copy', env: { NODE_ENV: 'production' } });
});
