// ADR 030 with money (the demo bank's part of e2e/factor-changes.spec.ts): a
// user with a passkey never approves a payment with the password alone, and a
// password-only user cannot approve one above the PSD2 exemption until she has
// enrolled a second factor.
import { generate } from 'otplib';
import { expect, test } from '../support/fixtures.ts';
import { auditCount, capturePasswordStepUp, createThrowawayUser, execE2e, insertPayee, makeAuthenticationStale, signInAs, submitAndSettle, unusedTotpCode } from '../auth-helpers.ts';
import { addAuthenticator, registerPasskey, withPresence } from '../support/passkeys.ts';
import { requestPayment } from './payments.ts';

const authorisation = (id: string) => execE2e<{ authorisedAt: string | null; method: string | null }>('SELECT authorisedAt, method FROM "TransferAuthorisation" WHERE id = ?', id)[0];
const transferCount = (userId: string) => execE2e<{ n: number }>('SELECT COUNT(*) AS n FROM "Transfer" WHERE userId = ?', userId)[0]!.n;

test('a passkey-only MFA user cannot approve a payment with the password alone; with the passkey she can', async ({ page }) => {
  const user = await createThrowawayUser('passkey-only-stepup', { accounts: true });
  const payee = insertPayee(user.id, 'Weber Hausverwaltung');
  const authenticator = await addAuthenticator(page);
  await signInAs(page, user);

  // What a password step-up looks like on the wire, captured while the account had no passkey yet.
  await page.goto('/reauth?next=/security');
  const passwordStepUp = await capturePasswordStepUp(page, user.password);
  await registerPasskey(page, authenticator, 'Laptop', user);
  await makeAuthenticationStale(page.context());
  const successes = auditCount('reauth.success', user.id);
  // (The password alone refused at /reauth without a payment: e2e/factor-changes.spec.ts.)

  // A payment above the exemption: the password request captured above, now naming the payment.
  const { 'content-length': _length, cookie: _cookie, ...headers } = passwordStepUp.headers();
  const id = await requestPayment(page, payee, '250.00');
  await expect(page.getByLabel('Password', { exact: true })).toHaveCount(0);
  const form = await new Response(passwordStepUp.postData()!, { headers: { 'content-type': headers['content-type']! } }).formData();
  const fields = [...form.keys()];
  const nextField = fields.find((name) => name.endsWith('next'))!;
  form.set(nextField.replace(/next$/, 'authorisation'), id);
  const multipart: Record<string, string> = {};
  for (const [name, value] of form) multipart[name] = String(value);
  const { 'content-type': _type, ...otherHeaders } = headers;
  await page.request.post(passwordStepUp.url(), { headers: otherHeaders, multipart });
  expect(authorisation(id)?.authorisedAt).toBeNull();
  expect(auditCount('reauth.success', user.id)).toBe(successes);

  // With the passkey it is approved, and the payment goes through.
  await page.goto(page.url());
  await withPresence(
    authenticator,
    () => page.getByRole('button', { name: 'Approve with a passkey' }).click(),
    () => expect(page).toHaveURL(/\/transfers\/new\?.*confirm=1/),
  );
  expect(authorisation(id)).toMatchObject({ method: 'passkey' });
  await page.getByRole('button', { name: 'Send money' }).click();
  await expect(page.getByRole('heading', { name: 'Transfer sent' })).toBeVisible();
  expect(transferCount(user.id)).toBe(1);
});

test('a password-only user cannot approve a payment above the exemption until she enrols a second factor (with her password); then she approves with it', async ({ page }) => {
  const user = await createThrowawayUser('password-only-sca', { accounts: true });
  const payee = insertPayee(user.id, 'Grüner Markt');
  await signInAs(page, user);

  const first = await requestPayment(page, payee, '250.00');
  await expect(page.locator('dl[aria-label="Payment to approve"]')).toContainText('€250.00');
  // Whatever the page offers, the password alone approves nothing.
  const password = page.getByLabel('Password', { exact: true });
  if (await password.count()) {
    await password.fill(user.password);
    await submitAndSettle(page, page.getByRole('button', { name: /^(Continue|Checking)/ }));
  }
  expect(authorisation(first)?.authorisedAt).toBeNull();
  expect(transferCount(user.id)).toBe(0);

  // The page sends her to enrol; turning on an authenticator app needs her password.
  await page.getByRole('link', { name: 'Set up an authenticator app' }).click();
  await expect(page).toHaveURL(/\/security\/mfa/);
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const secret = (await page.getByTestId('totp-manual-key').textContent())!.replace(/\s+/g, '');
  await page.getByLabel('Current password').fill(user.password);
  await page.getByLabel('Code from your app').fill(await generate({ secret }));
  await submitAndSettle(page, page.getByRole('button', { name: /^(Turn on two-step verification|Checking)/ }));
  await expect(page.getByTestId('recovery-codes')).toBeVisible();

  // Then she approves with password and code, and the payment goes.
  const second = await requestPayment(page, payee, '250.00');
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByLabel('Authentication code').fill(await unusedTotpCode(secret, user.email));
  await submitAndSettle(page, page.getByRole('button', { name: /^(Continue|Checking)/ }));
  await expect(page).toHaveURL(/\/transfers\/new\?.*confirm=1/);
  expect(authorisation(second)).toMatchObject({ method: 'password+totp' });
  await page.getByRole('button', { name: 'Send money' }).click();
  await expect(page.getByRole('heading', { name: 'Transfer sent' })).toBeVisible();
  expect(transferCount(user.id)).toBe(1);
});
