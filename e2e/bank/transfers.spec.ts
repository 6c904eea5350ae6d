// Moving money: once per form, never below zero, clear messages, step-up above
// the threshold. Every test uses its own throwaway customer (two funded
// accounts) so balances are exact and no other spec is affected.
import type { Page, Request } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';
import { createThrowawayUser, execE2e, signInAs, type ThrowawayUser, makeAuthenticationStale, insertPayee } from '../auth-helpers.ts';

type Customer = ThrowawayUser & { accountIds: { checking: string; savings: string } };

async function newCustomer(page: Page): Promise<Customer> {
  const user = (await createThrowawayUser('transfers', { accounts: true })) as Customer;
  await signInAs(page, user);
  return user;
}

const balance = (accountId: string) =>
  execE2e<{ balanceMinor: number }>('SELECT balanceMinor FROM "BankAccount" WHERE id = ?', accountId)[0]!.balanceMinor;
const transfersOf = (userId: string) =>
  execE2e<{ id: string; amountMinor: number; idempotencyKey: string }>('SELECT id, amountMinor, idempotencyKey FROM "Transfer" WHERE userId = ?', userId);

const addPayee = (user: Customer, name: string) => insertPayee(user.id, name);

/** Picks the "To" option whose text starts with `name` (payee options also show the IBAN's ends). */
async function chooseRecipient(page: Page, name: string) {
  const select = page.getByLabel('To', { exact: true });
  const value = await select.locator('option', { hasText: name }).first().getAttribute('value');
  await select.selectOption(value!);
}

async function fillTransfer(page: Page, options: { to: string; amount: string; memo?: string }) {
  await page.goto('/transfers/new');
  await chooseRecipient(page, options.to);
  await page.getByLabel('Amount', { exact: true }).fill(options.amount);
  if (options.memo) await page.getByLabel(/Reference/).fill(options.memo);
}

/** The form's list of problems (Next's route announcer is an alert, too). */
const problems = (page: Page) => page.getByRole('alert', { name: /transfer was not sent|already used/ });

const isTransferAction = (request: Request) =>
  request.method() === 'POST' && new URL(request.url()).pathname === '/transfers/new' && 'next-action' in request.headers();

test('a transfer between own accounts debits one, credits the other and shows a receipt', async ({ page }) => {
  const user = await newCustomer(page);
  await fillTransfer(page, { to: 'E2E Savings', amount: '12.34', memo: 'Holiday fund' });
  await page.getByRole('button', { name: 'Send money' }).click();

  await expect(page.getByRole('heading', { name: 'Transfer sent' })).toBeVisible();
  await expect(page).toHaveURL(/\/transfers\/[^/?]+$/);
  const receipt = page.locator('dl.receipt');
  await expect(receipt).toContainText('€12.34');
  await expect(receipt).toContainText('Holiday fund');
  expect(balance(user.accountIds.checking)).toBe(5_000_00 - 12_34);
  expect(balance(user.accountIds.savings)).toBe(20_000_00 + 12_34);

  // Both accounts show it, with the running balance.
  await page.getByRole('link', { name: 'E2E Savings' }).click();
  const row = page.locator('table.tx-table tbody tr').first();
  await expect(row).toContainText('+€12.34');
  await expect(row).toContainText('€20,012.34');
});

test('a transfer to a saved payee debits the account and books the reference', async ({ page }) => {
  const user = await newCustomer(page);
  addPayee(user, 'Weber Hausverwaltung GmbH');
  await fillTransfer(page, { to: 'Weber Hausverwaltung GmbH', amount: '20.00', memo: 'Key deposit' });
  await page.getByRole('button', { name: 'Send money' }).click();
  await expect(page.getByRole('heading', { name: 'Transfer sent' })).toBeVisible();
  expect(balance(user.accountIds.checking)).toBe(5_000_00 - 20_00);
  const [entry] = execE2e<{ amountMinor: number; counterparty: string; description: string; balanceAfterMinor: number }>(
    'SELECT amountMinor, counterparty, description, balanceAfterMinor FROM "Transaction" WHERE accountId = ?',
    user.accountIds.checking,
  );
  expect(entry).toEqual({ amountMinor: -20_00, counterparty: 'Weber Hausverwaltung GmbH', description: 'Key deposit', balanceAfterMinor: 4_980_00 });
});

test('a double click sends the money once', async ({ page }) => {
  const user = await newCustomer(page);
  await fillTransfer(page, { to: 'E2E Savings', amount: '7.00' });
  await page.getByRole('button', { name: 'Send money' }).dblclick();
  await expect(page.getByRole('heading', { name: 'Transfer sent' })).toBeVisible();
  expect(transfersOf(user.id)).toHaveLength(1);
  expect(balance(user.accountIds.checking)).toBe(5_000_00 - 7_00);
});

test('a replayed request creates no second transfer', async ({ page }) => {
  const user = await newCustomer(page);
  await fillTransfer(page, { to: 'E2E Savings', amount: '25.00', memo: 'Replay me' });
  const [original] = await Promise.all([page.waitForRequest(isTransferAction), page.getByRole('button', { name: 'Send money' }).click()]);
  await expect(page.getByRole('heading', { name: 'Transfer sent' })).toBeVisible();
  const [transfer] = transfersOf(user.id);
  expect(transfer).toBeDefined();

  // The same POST again, three times at once, with the browser's current cookie
  // (an attacker or a flaky network resending it).
  const { cookie: _stale, 'content-length': _length, ...headers } = await original.allHeaders();
  const replays = await Promise.all(
    [1, 2, 3].map(() => page.request.post(original.url(), { headers, data: original.postDataBuffer()!, maxRedirects: 0 })),
  );
  for (const response of replays) {
    expect(response.status()).toBeLessThan(400);
    // Next answers a server action's redirect in a header: the original transfer, marked as a duplicate.
    expect(response.headers()['x-action-redirect']).toContain(`/transfers/${transfer!.id}?duplicate=1`);
  }
  expect(transfersOf(user.id)).toHaveLength(1);
  expect(balance(user.accountIds.checking)).toBe(5_000_00 - 25_00);
  expect(balance(user.accountIds.savings)).toBe(20_000_00 + 25_00);

  await page.goto(`/transfers/${transfer!.id}?duplicate=1`);
  await expect(page.getByText('we did not send the money twice')).toBeVisible();
});

test('an overdraft is refused with a clear message and nothing moves', async ({ page }) => {
  const user = await newCustomer(page);
  await fillTransfer(page, { to: 'E2E Savings', amount: '5000.01' });
  await page.getByRole('button', { name: 'Send money' }).click();
  const alert = problems(page);
  await expect(alert).toContainText('Not enough money in E2E Checking: €5,000.00 is available. Nothing was sent.');
  await expect(alert).toBeFocused();
  await expect(page.getByLabel('Amount', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Amount', { exact: true })).toHaveValue('5000.01'); // what was typed stays
  expect(transfersOf(user.id)).toHaveLength(0);
  expect(balance(user.accountIds.checking)).toBe(5_000_00);

  // The exact balance is fine: down to zero, never below.
  await page.getByLabel('Amount', { exact: true }).fill('5000.00');
  await page.getByRole('button', { name: 'Send money' }).click();
  await expect(page.getByRole('heading', { name: 'Transfer sent' })).toBeVisible();
  expect(balance(user.accountIds.checking)).toBe(0);
});

test('invalid input gets one plain message per field', async ({ page }) => {
  const user = await newCustomer(page);
  await page.goto('/transfers/new');
  await page.getByLabel('Amount', { exact: true }).fill('12,50');
  await page.getByRole('button', { name: 'Send money' }).click();
  const alert = problems(page);
  await expect(alert).toContainText('To: Choose who to send the money to.');
  await expect(alert).toContainText('Amount: Use a point to separate the cents, for example 12.34.');
  await page.getByLabel('Amount', { exact: true }).fill('');
  await chooseRecipient(page, 'E2E Savings');
  await page.getByRole('button', { name: 'Send money' }).click();
  await expect(problems(page)).toContainText('Amount: Enter an amount.');
  // The link in the summary leads to the field.
  await page.getByRole('link', { name: /Amount: Enter an amount/ }).click();
  await expect(page.getByLabel('Amount', { exact: true })).toBeFocused();
  expect(transfersOf(user.id)).toHaveLength(0);
});

test('above the threshold a stale session must re-authenticate, and the form survives the round trip', async ({ page }) => {
  const user = await newCustomer(page);
  await makeAuthenticationStale(page.context());

  // A small amount needs no step-up.
  await fillTransfer(page, { to: 'E2E Savings', amount: '10.00' });
  await page.getByRole('button', { name: 'Send money' }).click();
  await expect(page.getByRole('heading', { name: 'Transfer sent' })).toBeVisible();

  await fillTransfer(page, { to: 'E2E Savings', amount: '1500.00', memo: 'Big one' });
  await page.getByRole('button', { name: 'Send money' }).click();
  await expect(page).toHaveURL(/\/reauth\?next=/);
  const next = new URL(page.url()).searchParams.get('next')!;
  expect(next).toMatch(/^\/transfers\/new\?/);
  expect(new URLSearchParams(next.split('?')[1]).get('amount')).toBe('1500.00');
  expect(transfersOf(user.id)).toHaveLength(1); // only the small one

  test.skip((await page.request.get('/reauth')).status() === 404, 'the re-authentication page (/reauth) is not built yet');
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/transfers\/new\?.*confirm=1/);
  await expect(page.getByText('Thanks for confirming it’s you')).toBeVisible();
  await expect(page.getByLabel('Amount', { exact: true })).toHaveValue('1500.00');
  await expect(page.getByLabel(/Reference/)).toHaveValue('Big one');
  await page.getByRole('button', { name: 'Send money' }).click();
  await expect(page.getByRole('heading', { name: 'Transfer sent' })).toBeVisible();
  expect(transfersOf(user.id)).toHaveLength(2);
  expect(balance(user.accountIds.checking)).toBe(5_000_00 - 10_00 - 1_500_00);
});
