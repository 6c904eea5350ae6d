// Adding a payee is a sensitive action: a recent authentication first, an audit
// event, and a line in the security centre's log. Removing one is logged too.
import { expect, test } from '../support/fixtures.ts';
import { auditCount, createThrowawayUser, execE2e, signInAs, submitAndSettle, makeAuthenticationStale } from '../auth-helpers.ts';

const IBAN = 'DE89 3704 0044 0532 0130 00';

test('adding a payee needs a fresh authentication, is audited and shows in the security log; it can then be paid', async ({ page }) => {
  const user = await createThrowawayUser('payees', { accounts: true });
  await signInAs(page, user);
  await makeAuthenticationStale(page.context());

  await page.goto('/transfers/new');
  await page.getByRole('link', { name: 'Payees', exact: true }).click();
  await page.getByRole('link', { name: 'Add a payee' }).click();
  await expect(page).toHaveURL(/\/reauth\?next=%2Ftransfers%2Fpayees%2Fnew/);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await submitAndSettle(page, page.getByRole('button', { name: /^(Continue|Checking)/ }));
  await expect(page.getByRole('heading', { name: 'Add a payee' })).toBeVisible();

  // A typo in the IBAN is caught by its check digits.
  await page.getByLabel('Name').fill('Weber Hausverwaltung');
  await page.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 01');
  await submitAndSettle(page, page.getByRole('button', { name: /^Add(ing)? payee/ }));
  await expect(page.getByText('This is not a valid IBAN. Check it for typos.')).toBeVisible();
  expect(auditCount('payee.added', user.id)).toBe(0);

  await page.getByLabel('IBAN').fill(IBAN);
  await page.getByRole('button', { name: 'Add payee' }).click();
  await expect(page).toHaveURL(/\/transfers\/payees\?added=/);
  await expect(page.getByRole('status')).toContainText('Weber Hausverwaltung was added');
  expect(auditCount('payee.added', user.id)).toBe(1);

  await page.goto('/security');
  await expect(page.getByText('New payee added: Weber Hausverwaltung')).toBeVisible();

  // The new payee is in the transfer form.
  await page.goto('/transfers/new');
  await expect(page.getByLabel('To', { exact: true }).locator('option', { hasText: 'Weber Hausverwaltung' })).toHaveCount(1);
});

test('the same IBAN cannot be added twice; removing a payee is logged', async ({ page }) => {
  const user = await createThrowawayUser('payees-remove', { accounts: true });
  await signInAs(page, user); // fresh: no step-up needed right after signing in
  for (let i = 0; i < 2; i++) {
    await page.goto('/transfers/payees/new');
    await page.getByLabel('Name').fill('Anna Example');
    await page.getByLabel('IBAN').fill(IBAN);
    await submitAndSettle(page, page.getByRole('button', { name: /^Add(ing)? payee/ }));
  }
  await expect(page.getByText('You already have a payee with this IBAN.')).toBeVisible();
  expect(execE2e<{ n: number }>('SELECT COUNT(*) AS n FROM "Payee" WHERE userId = ?', user.id)[0]!.n).toBe(1);

  await page.goto('/transfers/payees');
  await page.getByRole('button', { name: 'Remove Anna Example' }).click();
  await expect(page.getByText('The payee was removed.')).toBeVisible();
  expect(auditCount('payee.removed', user.id)).toBe(1);
  await page.goto('/security');
  await expect(page.getByText('Payee removed: Anna Example')).toBeVisible();
});

test('a stale session cannot add a payee by posting the form directly', async ({ page }) => {
  const user = await createThrowawayUser('payees-post', { accounts: true });
  await signInAs(page, user);
  await page.goto('/transfers/payees/new');
  await expect(page.getByRole('heading', { name: 'Add a payee' })).toBeVisible();
  // The page was rendered while fresh; by the time the form is sent, the session is stale.
  await makeAuthenticationStale(page.context());
  await page.getByLabel('Name').fill('Mallory');
  await page.getByLabel('IBAN').fill(IBAN);
  await page.getByRole('button', { name: 'Add payee' }).click();
  await expect(page).toHaveURL(/\/reauth\?next=/);
  expect(execE2e<{ n: number }>('SELECT COUNT(*) AS n FROM "Payee" WHERE userId = ?', user.id)[0]!.n).toBe(0);
});
