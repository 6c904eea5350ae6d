// Strong customer authentication for payments (PSD2 RTS; ADR 017), from the
// outside: the low-value exemption is cumulative since the last strong
// authentication, and above it the step-up is bound to one payment — its
// amount, its payee, its form — not to "a recent sign-in".
// "Stale" = the session row's authenticatedAt moved an hour back (the fresh-auth
// window is 5 minutes), as in auth-step-up.spec.ts.
// A payment above the exemption needs two factors (ADR 030), so these customers
// have TOTP; the password-only path is in factor-changes.spec.ts.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';
import { auditCount, createThrowawayUser, execE2e, signInAs, submitAndSettle, type ThrowawayUser, makeAuthenticationStale, insertPayee, unusedTotpCode } from '../auth-helpers.ts';

type Customer = ThrowawayUser & { accountIds: { checking: string; savings: string }; totpSecret: string };

async function newCustomer(page: Page): Promise<Customer> {
  const user = (await createThrowawayUser('sca', { accounts: true, totp: true })) as Customer;
  await signInAs(page, user);
  return user;
}

const savePayee = (user: Customer, name: string) => insertPayee(user.id, name);


const transfersOf = (userId: string) => execE2e<{ amountMinor: number; payeeId: string | null }>('SELECT amountMinor, payeeId FROM "Transfer" WHERE userId = ?', userId);

async function fillPayment(page: Page, payeeId: string, amount: string): Promise<void> {
  await page.goto('/transfers/new');
  await page.getByLabel('To', { exact: true }).selectOption(`payee:${payeeId}`);
  await page.getByLabel('Amount', { exact: true }).fill(amount);
}

const send = (page: Page) => page.getByRole('button', { name: 'Send money' }).click();
const paymentToApprove = (page: Page) => page.locator('dl[aria-label="Payment to approve"]');

async function expectStepUpFor(page: Page, amount: string, payee: string): Promise<void> {
  await expect(page).toHaveURL(/\/reauth\?.*authorisation=/);
  await expect(page.getByRole('heading', { name: 'Confirm it’s you' })).toBeVisible();
  await expect(paymentToApprove(page)).toContainText(amount);
  await expect(paymentToApprove(page)).toContainText(payee);
}

async function approve(page: Page, user: Customer): Promise<void> {
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByLabel('Authentication code').fill(await unusedTotpCode(user.totpSecret, user.email));
  await submitAndSettle(page, page.getByRole('button', { name: /^(Continue|Checking)/ }));
  await expect(page).toHaveURL(/\/transfers\/new\?.*confirm=1/);
}

test('a stale session pays a payee in €30 chunks only until the cumulative exemption is used up, then meets the step-up', async ({ page }) => {
  const user = await newCustomer(page);
  const landlord = savePayee(user, 'Weber Hausverwaltung');
  await makeAuthenticationStale(page.context());

  // €30 is the single-payment limit; three of them are €90 of the €100 allowance.
  for (let i = 1; i <= 3; i++) {
    await fillPayment(page, landlord, '30.00');
    await send(page);
    await expect(page.getByRole('heading', { name: 'Transfer sent' })).toBeVisible();
  }
  // The fourth (each with its own fresh form and idempotency key) would make €120.
  await fillPayment(page, landlord, '30.00');
  await send(page);
  await expectStepUpFor(page, '€30.00', 'Weber Hausverwaltung');
  expect(transfersOf(user.id)).toHaveLength(3);
  expect(auditCount('transfer.authorisation_requested', user.id)).toBe(1);

  // Approving it sends exactly that payment.
  await approve(page, user);
  await send(page);
  await expect(page.getByRole('heading', { name: 'Transfer sent' })).toBeVisible();
  expect(transfersOf(user.id)).toHaveLength(4);
});

test('a payment above €30 to a payee meets the step-up straight away, even at the old €1,000 threshold', async ({ page }) => {
  const user = await newCustomer(page);
  const landlord = savePayee(user, 'Weber Hausverwaltung');
  await makeAuthenticationStale(page.context());
  await fillPayment(page, landlord, '1000.00');
  await send(page);
  await expectStepUpFor(page, '€1,000.00', 'Weber Hausverwaltung');
  expect(transfersOf(user.id)).toHaveLength(0);
});

test('the step-up for €1,200 to P cannot be used for €1,200 to Q or €5,000 to P — and a fresh sign-in authorises nothing', async ({ page }) => {
  // Just signed in: a fresh login does not count as approving a large payment.
  const user = await newCustomer(page);
  const p = savePayee(user, 'Payee Pauline');
  const q = savePayee(user, 'Payee Quentin');
  await fillPayment(page, p, '1200.00');
  await send(page);
  await expectStepUpFor(page, '€1,200.00', 'Payee Pauline');
  const approvedForm = new URL(page.url()).searchParams.get('next')!;

  await approve(page, user);
  await expect(page.getByLabel('Amount', { exact: true })).toHaveValue('1200.00');

  // Same form (same idempotency key), another payee: a new step-up, for Q.
  await page.getByLabel('To', { exact: true }).selectOption(`payee:${q}`);
  await send(page);
  await expectStepUpFor(page, '€1,200.00', 'Payee Quentin');

  // Same form, same payee, another amount: a new step-up, for €5,000.
  await page.goto(approvedForm);
  await page.getByLabel('Amount', { exact: true }).fill('5000.00');
  await send(page);
  await expectStepUpFor(page, '€5,000.00', 'Payee Pauline');
  expect(transfersOf(user.id)).toHaveLength(0);

  // What was approved still goes through, once.
  await page.goto(approvedForm);
  await send(page);
  await expect(page.getByRole('heading', { name: 'Transfer sent' })).toBeVisible();
  expect(transfersOf(user.id)).toEqual([{ amountMinor: 1_200_00, payeeId: p }]);
  expect(auditCount('transfer.authorised', user.id)).toBe(1);
});

test('without JavaScript, the payment step-up works through plain form posts', async ({ browser }) => {
  const user = (await createThrowawayUser('sca-nojs', { accounts: true, totp: true })) as Customer;
  const landlord = savePayee(user, 'Weber Hausverwaltung');
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/login\/mfa$/);
  await page.getByLabel('Authentication code', { exact: true }).fill(await unusedTotpCode(user.totpSecret, user.email));
  await page.getByRole('button', { name: /^Verif/ }).click();
  await expect(page).toHaveURL(/\/dashboard/);

  await fillPayment(page, landlord, '250.00');
  await send(page);
  await expectStepUpFor(page, '€250.00', 'Weber Hausverwaltung');
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByLabel('Authentication code').fill(await unusedTotpCode(user.totpSecret, user.email));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/transfers\/new\?.*confirm=1/);
  await send(page);
  await expect(page.getByRole('heading', { name: 'Transfer sent' })).toBeVisible();
  expect(transfersOf(user.id)).toEqual([{ amountMinor: 250_00, payeeId: landlord }]);
  await context.close();
});

test('a refused transfer is in the audit log, also when it names someone else’s account', async ({ page }) => {
  const user = await newCustomer(page);
  const other = (await createThrowawayUser('sca-other', { accounts: true })) as Customer;
  await page.goto('/transfers/new');
  // A crafted option: the other customer's savings account.
  await page.getByLabel('To', { exact: true }).evaluate((select, id) => {
    const option = document.createElement('option');
    option.value = `account:${id}`;
    option.textContent = 'crafted';
    select.appendChild(option);
  }, other.accountIds.savings);
  await page.getByLabel('To', { exact: true }).selectOption(`account:${other.accountIds.savings}`);
  await page.getByLabel('Amount', { exact: true }).fill('10.00');
  await send(page);
  await expect(page.getByRole('alert', { name: /transfer was not sent/ })).toContainText('Choose one of your accounts or saved payees');
  const [event] = execE2e<{ detail: string }>('SELECT detail FROM "AuditEvent" WHERE type = ? AND userId = ?', 'transfer.rejected', user.id);
  expect(JSON.parse(event!.detail)).toMatchObject({ reason: 'destination-not-found', destinationId: other.accountIds.savings });
});
