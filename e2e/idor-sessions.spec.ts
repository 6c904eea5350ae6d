// Insecure direct object references in the security centre: alice, signed in,
// names bob's session in a forged revoke. The answer is "not found" and bob's
// session lives on. (The demo bank's IDOR checks: e2e/bank/idor.spec.ts.)
import { randomBytes } from 'node:crypto';
import { expect, test } from './support/fixtures.ts';
import { execE2e, sqliteDate } from './auth-helpers.ts';
import { signIn } from './support/session.ts';

test.beforeEach(async ({ page }) => {
  await signIn(page); // alice
});

test('a forged revoke naming bob’s session leaves it alone', async ({ page }) => {
  const bobId = execE2e<{ id: string }>(`SELECT id FROM "User" WHERE email = 'bob@example.com'`)[0]!.id;
  const sessionId = `e2e-idor-${randomBytes(12).toString('hex')}`;
  const now = sqliteDate(new Date());
  execE2e(
    `INSERT INTO "Session" (id, secretHash, userId, createdAt, lastSeenAt, rotatedAt, authenticatedAt, ipAddress, userAgent)
     VALUES (?, ?, ?, ?, ?, ?, ?, '203.0.113.7', 'Bob''s phone')`,
    sessionId,
    randomBytes(32).toString('hex'),
    bobId,
    now,
    now,
    now,
    now,
  );
  try {
    await page.goto('/security');
    await expect(page.getByRole('heading', { name: 'Where you’re signed in' })).toBeVisible();
    await expect(page.locator('body')).not.toContainText('203.0.113.7'); // not listed for alice
    // Alice's page has no Revoke button when she has one session: post the action from a forged form.
    const formCount = await page.locator('form:has(input[name="sessionId"])').count();
    if (formCount === 0) {
      // Open a second session for alice so the page renders a revoke form to tamper with.
      const other = await page.context().browser()!.newContext();
      await signIn(await other.newPage());
      await page.reload();
      await other.close();
    }
    await page.locator('input[name="sessionId"]').first().evaluate((input, forged) => ((input as HTMLInputElement).value = forged), sessionId);
    await page.getByRole('button', { name: 'Revoke' }).first().click();
    await expect(page.getByRole('status')).toHaveText('That session was not found. It may already have ended.');
    const [row] = execE2e<{ revokedAt: string | null }>('SELECT revokedAt FROM "Session" WHERE id = ?', sessionId);
    expect(row?.revokedAt).toBeNull();
  } finally {
    execE2e('DELETE FROM "Session" WHERE id = ?', sessionId);
  }
});
