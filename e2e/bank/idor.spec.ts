// Insecure direct object references: alice, signed in, names bob's things by
// id — in page URLs, in the CSV route handler, and in forged server-action
// posts. Every answer is 404 or "not found", bob's data never appears, and
// nothing of bob's changes.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';
import { execE2e } from '../auth-helpers.ts';
import { signIn } from '../support/session.ts';

type Bob = { userId: string; checking: string; savings: string; payee: string; transfer: string; iban: string };

function bob(): Bob {
  const one = <T>(sql: string) => execE2e<T>(sql)[0]!;
  const user = one<{ id: string }>(`SELECT id FROM "User" WHERE email = 'bob@example.com'`);
  const account = (kind: string) =>
    execE2e<{ id: string; iban: string }>('SELECT id, iban FROM "BankAccount" WHERE userId = ? AND kind = ?', user.id, kind)[0]!;
  return {
    userId: user.id,
    checking: account('checking').id,
    iban: account('checking').iban,
    savings: account('savings').id,
    payee: execE2e<{ id: string }>('SELECT id FROM "Payee" WHERE userId = ? LIMIT 1', user.id)[0]!.id,
    transfer: execE2e<{ id: string }>('SELECT id FROM "Transfer" WHERE userId = ? LIMIT 1', user.id)[0]!.id,
  };
}

const bobsMoney = (b: Bob) =>
  execE2e<{ total: number; transfers: number }>(
    'SELECT (SELECT SUM(balanceMinor) FROM "BankAccount" WHERE userId = ?) AS total, (SELECT COUNT(*) FROM "Transfer" WHERE userId = ?) AS transfers',
    b.userId,
    b.userId,
  )[0]!;

test.beforeEach(async ({ page }) => {
  await signIn(page); // alice
});

test("bob's account, its transactions and its transfers answer 404 to alice", async ({ page }) => {
  const b = bob();
  for (const path of [`/accounts/${b.checking}`, `/accounts/${b.savings}?q=a&page=2&min=1`, `/transfers/${b.transfer}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/not found/);
    const html = await page.content();
    expect(html).not.toContain(b.iban);
    expect(html).not.toContain('Helix Software'); // bob's employer, in his transactions
  }
  // An id that never existed looks exactly the same.
  expect((await page.goto('/accounts/does-not-exist'))?.status()).toBe(404);
});

test("the CSV route handler answers 404 for bob's account, 401 without a session", async ({ page, playwright, baseURL }) => {
  const b = bob();
  const response = await page.request.get(`/accounts/${b.checking}/transactions.csv`);
  expect(response.status()).toBe(404);
  expect(await response.text()).not.toContain('Helix');

  const anonymous = await playwright.request.newContext({ baseURL });
  const signedOut = await anonymous.get(`/accounts/${b.checking}/transactions.csv`, { maxRedirects: 0 });
  expect([303, 401]).toContain(signedOut.status());
  expect(await signedOut.text()).not.toContain('Helix');
  await anonymous.dispose();
});

test('route handlers only ever return the caller’s own data', async ({ page }) => {
  const b = bob();
  const accounts = await page.request.get('/api/accounts');
  test.skip(accounts.status() === 404, '/api/accounts does not exist in this build');
  const body = await accounts.text();
  expect(body).not.toContain(b.checking);
  expect(body).not.toContain(b.iban);
});

/** Rewrites an <option> of the transfer form, as anyone with devtools (or curl) could. */
async function forge(page: Page, select: 'fromAccountId' | 'to', value: string) {
  await page.locator(`select[name="${select}"]`).evaluate((element, forged) => {
    const option = (element as HTMLSelectElement).options[(element as HTMLSelectElement).selectedIndex]!;
    option.value = forged;
  }, value);
}

test('forged transfer posts naming bob’s accounts or payees are refused and move nothing', async ({ page }) => {
  const b = bob();
  const before = bobsMoney(b);
  const cases: { select: 'fromAccountId' | 'to'; value: string; message: string }[] = [
    { select: 'fromAccountId', value: b.checking, message: 'Choose one of your accounts to send from.' },
    { select: 'to', value: `account:${b.savings}`, message: 'Choose one of your accounts or saved payees to send to.' },
    { select: 'to', value: `payee:${b.payee}`, message: 'Choose one of your accounts or saved payees to send to.' },
  ];
  for (const { select, value, message } of cases) {
    await page.goto('/transfers/new');
    await page.getByLabel('To', { exact: true }).selectOption({ index: 1 });
    if (select === 'to') await forge(page, 'to', value);
    // Alice's own savings as the destination when the source is forged.
    if (select === 'fromAccountId') {
      const savings = await page.getByLabel('To', { exact: true }).locator('option', { hasText: 'Rainy Day Savings' }).getAttribute('value');
      await page.getByLabel('To', { exact: true }).selectOption(savings!);
      await forge(page, 'fromAccountId', value);
    }
    await page.getByLabel('Amount', { exact: true }).fill('1.00');
    await page.getByRole('button', { name: 'Send money' }).click();
    await expect(page.getByRole('alert', { name: /transfer was not sent/ })).toContainText(message);
  }
  expect(bobsMoney(b)).toEqual(before);
});
