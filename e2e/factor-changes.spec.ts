// Issue 19 (ADR 030), from the outside: a copy of a freshly signed-in session
// cookie cannot change the account's factors, and a user with a passkey never
// steps up with the password alone. The same rules applied to payments are the
// demo bank's: e2e/bank/factor-changes-payments.spec.ts.
import { generate } from 'otplib';
import { expect, test } from './support/fixtures.ts';
import {
  auditCount,
  capturePasswordStepUp,
  createThrowawayUser,
  execE2e,
  formAlert,
  liveSessions,
  makeAuthenticationStale,
  sessionCookie,
  signInAs,
  submitAndSettle,
} from './auth-helpers.ts';
import { addAuthenticator, registerPasskey, withPresence } from './support/passkeys.ts';
import { plantSessionCookie, sessionIdOf } from './support/session.ts';

const passkeysOf = (userId: string) => execE2e<{ id: string }>('SELECT id FROM "Passkey" WHERE userId = ?', userId);
const totpEnabledAt = (userId: string) => execE2e<{ totpEnabledAt: string | null }>('SELECT totpEnabledAt FROM "User" WHERE id = ?', userId)[0]?.totpEnabledAt;
test('with only a copy of a freshly signed-in session cookie, a second browser adds no passkey and turns on no TOTP; the owner keeps her factors and sessions', async ({ page, browser, baseURL }) => {
  const owner = await createThrowawayUser('factor-theft');
  await signInAs(page, owner);
  const stolen = (await sessionCookie(page.context()))!.value;
  const ownerSession = await sessionIdOf(stolen);

  const thiefContext = await browser.newContext();
  const thief = await thiefContext.newPage();
  await plantSessionCookie(thiefContext, stolen, baseURL!);
  const authenticator = await addAuthenticator(thief);

  // A passkey: the thief does not know the password, so guesses one.
  await thief.goto('/security');
  const passkeys = thief.getByRole('region', { name: 'Passkeys' });
  await passkeys.getByLabel('Name for the new passkey').fill('Thief key');
  const password = passkeys.getByLabel('Current password');
  if (await password.count()) await password.fill('a guess at the password');
  await withPresence(
    authenticator,
    () => passkeys.getByRole('button', { name: 'Add a passkey' }).click(),
    () => expect(thief.getByText('Passkey added.').or(formAlert(thief))).toBeVisible(),
  );
  expect(passkeysOf(owner.id)).toEqual([]);

  // TOTP: the thief sets up an app of their own and enters its right code with a guessed password.
  await thief.goto('/security/mfa');
  await thief.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const key = (await thief.getByTestId('totp-manual-key').textContent())!.replace(/\s+/g, '');
  await thief.getByLabel('Current password').fill('a guess at the password');
  await thief.getByLabel('Code from your app').fill(await generate({ secret: key }));
  await submitAndSettle(thief, thief.getByRole('button', { name: /^(Turn on two-step verification|Checking)/ }));
  await expect(formAlert(thief)).toBeVisible();
  expect(totpEnabledAt(owner.id)).toBeNull();

  // The owner: still signed in (the same session), no factor she did not add, and
  // nobody signed out by a factor change. (Her next request may end the session for
  // both holders — the copy rotated meanwhile: ADR 016's theft detection, not this.)
  expect(liveSessions(owner.id)).toContain(ownerSession);
  expect(auditCount('passkey.added', owner.id)).toBe(0);
  expect(auditCount('mfa.enabled', owner.id)).toBe(0);
  expect(execE2e('SELECT id FROM "Session" WHERE userId = ? AND revokedReason IN (\'passkey-changed\', \'mfa-changed\')', owner.id)).toEqual([]);
  await thiefContext.close();
});

test('a passkey-only MFA user cannot pass /reauth with the password alone; the passkey passes it', async ({ page }) => {
  const user = await createThrowawayUser('passkey-only-stepup');
  const authenticator = await addAuthenticator(page);
  await signInAs(page, user);

  // What a password step-up looks like on the wire, captured while the account had no passkey yet.
  await page.goto('/reauth?next=/security');
  const passwordStepUp = await capturePasswordStepUp(page, user.password);
  await registerPasskey(page, authenticator, 'Laptop', user);
  const staleId = await makeAuthenticationStale(page.context());
  const successes = auditCount('reauth.success', user.id);

  // The password alone, sent anyway (the same request the form would send): refused.
  const { 'content-length': _length, cookie: _cookie, ...headers } = passwordStepUp.headers();
  const sent = await page.request.post(passwordStepUp.url(), { headers, data: passwordStepUp.postData()! });
  expect(sent.status()).toBeLessThan(500);
  expect(auditCount('reauth.success', user.id)).toBe(successes);
  expect(liveSessions(user.id)).toEqual([staleId]);

  // The page offers the passkey only, and the passkey passes it. (`next` encoded, so only /security itself matches below.)
  await page.goto('/reauth?next=%2Fsecurity');
  await expect(page.getByLabel('Password', { exact: true })).toHaveCount(0);
  await withPresence(
    authenticator,
    () => page.getByRole('button', { name: 'Confirm with a passkey' }).click(),
    () => expect(page).toHaveURL(/\/security$/),
  );
  expect(auditCount('reauth.success', user.id)).toBe(successes + 1);
});

test('the owner turns on TOTP by proving her passkey; knowing the password too, a cookie thief still adds no passkey', async ({ page, browser, baseURL }) => {
  const owner = await createThrowawayUser('factor-proof');
  const authenticator = await addAuthenticator(page);
  await signInAs(page, owner);
  await registerPasskey(page, authenticator, 'Laptop', owner);

  // TOTP on: the new app's code, her password, and her passkey — in one request.
  await page.goto('/security/mfa');
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const secret = (await page.getByTestId('totp-manual-key').textContent())!.replace(/\s+/g, '');
  await page.getByLabel('Current password').fill(owner.password);
  await page.getByLabel('Code from your app').fill(await generate({ secret }));
  await withPresence(
    authenticator,
    () => page.getByRole('button', { name: 'Turn on two-step verification' }).click(),
    () => expect(page.getByTestId('recovery-codes')).toBeVisible(),
  );
  expect(totpEnabledAt(owner.id)).not.toBeNull();
  const [enabled] = execE2e<{ detail: string }>(`SELECT detail FROM "AuditEvent" WHERE type = 'mfa.enabled' AND userId = ?`, owner.id);
  expect(JSON.parse(enabled!.detail)).toMatchObject({ method: 'totp', provenWith: 'passkey' });

  // The thief: this session's cookie and the password, an authenticator without her passkey, a guessed code.
  const stolen = (await sessionCookie(page.context()))!.value;
  const thiefContext = await browser.newContext();
  const thief = await thiefContext.newPage();
  await plantSessionCookie(thiefContext, stolen, baseURL!);
  const thiefKey = await addAuthenticator(thief);
  await thief.goto('/security');
  const passkeys = thief.getByRole('region', { name: 'Passkeys' });
  await passkeys.getByLabel('Name for the new passkey').fill('Thief key');
  await passkeys.getByLabel('Current password').fill(owner.password);
  await passkeys.getByLabel('Authentication code').fill('000000');
  await withPresence(
    thiefKey,
    () => passkeys.getByRole('button', { name: 'Add a passkey' }).click(),
    () => expect(formAlert(thief)).toContainText('Password or second factor is incorrect.'),
  );
  expect(passkeysOf(owner.id)).toHaveLength(1);
  await thiefContext.close();
});
