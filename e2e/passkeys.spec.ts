// Passkeys (WebAuthn, ADR 022) in real Chromium with its virtual authenticator
// (CDP WebAuthn domain: ctap2, internal transport, resident keys, user
// verification). Every test uses its own throwaway user and its own
// authenticator, and registers its passkey through the security centre, so the
// server sees exactly what a real device would send.
// Autofill is off unless a test turns it on (e2e/support/passkeys.ts says
// why); one test proves the autofill path on purpose.
import type { Request } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import {
  auditCount,
  createThrowawayUser,
  execE2e,
  formAlert,
  signInAs,
  signOut,
  submitPassword,
  unusedTotpCode,
} from './auth-helpers.ts';
import {
  addAuthenticator,
  allowAutofill,
  credentialsOf,
  holdCopyOfKey,
  passkeyList,
  registerPasskey,
  signInWithPasskey,
  withPresence,
} from './support/passkeys.ts';
import { AT_HOME, expectSignedIn } from './support/signed-in.ts';

const passkeysOf = (userId: string) => execE2e<{ id: string; name: string; signCount: number }>('SELECT id, name, signCount FROM "Passkey" WHERE userId = ?', userId);

test('register a passkey, sign out, and sign in with the passkey alone — by the button and by autofill; no password, no code step', async ({ page }) => {
  const user = await createThrowawayUser('passkey-signin');
  const authenticator = await addAuthenticator(page);
  await signInAs(page, user);
  await registerPasskey(page, authenticator, 'Test laptop', user);
  await expectNoAxeViolations(page, '/security with a passkey');
  const [credential] = await credentialsOf(authenticator);
  expect(credential?.isResidentCredential).toBe(true);
  expect(auditCount('passkey.added', user.id)).toBe(1);

  await signOut(page);
  await expectNoAxeViolations(page, '/login with the passkey button');
  await signInWithPasskey(page, authenticator, 'signed-in');
  // The session engine made it: one regenerated, second-factor-verified session, audited as a passkey sign-in.
  const [event] = execE2e<{ detail: string }>(`SELECT detail FROM "AuditEvent" WHERE type = 'login.success' AND userId = ? ORDER BY createdAt DESC LIMIT 1`, user.id);
  expect(JSON.parse(event!.detail)).toMatchObject({ method: 'passkey' });
  // A user-verifying passkey alone is phishing-resistant multi-factor (ADR 030).
  const live = () => execE2e<{ mfaVerified: number; authLevel: string }>('SELECT mfaVerified, authLevel FROM "Session" WHERE userId = ? AND revokedAt IS NULL', user.id);
  expect(live()).toEqual([{ mfaVerified: 1, authLevel: 'phishing-resistant' }]);
  await page.goto('/security');
  await expect(passkeyList(page)).toContainText('Last used');

  // Conditional UI: the request waiting behind the Email field's autofill, answered without pressing anything.
  await signOut(page);
  await expect(page.getByLabel('Email', { exact: true })).toHaveAttribute('autocomplete', 'username webauthn');
  await allowAutofill(page);
  await withPresence(
    authenticator,
    () => page.goto('/login').then(() => undefined),
    async () => {
      await expect(page).toHaveURL(AT_HOME);
      await expectSignedIn(page);
    },
  );
  expect(live()).toEqual([{ mfaVerified: 1, authLevel: 'phishing-resistant' }]);
});

test('a passkey is the second factor after the password, offered before the code; renaming is audited', async ({ page }) => {
  const user = await createThrowawayUser('passkey-2fa', { totp: true });
  const authenticator = await addAuthenticator(page);
  await signInAs(page, user);
  await registerPasskey(page, authenticator, 'Phone', user);

  const row = passkeyList(page).first();
  await row.getByLabel('Name').fill('Work phone');
  await row.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByText('Passkey renamed.')).toBeVisible();
  await expect(passkeyList(page).first().locator('.session-title')).toHaveText('Work phone');
  expect(auditCount('passkey.renamed', user.id)).toBe(1);

  await signOut(page);
  await submitPassword(page, user.email, user.password);
  await expect(page).toHaveURL(/\/login\/mfa$/);
  const usePasskey = page.getByRole('button', { name: 'Use your passkey' });
  const codeField = page.getByLabel('Authentication code', { exact: true });
  await expect(usePasskey).toBeVisible();
  await expect(codeField).toBeVisible();
  // Offered first: the passkey button comes before the code field in the page.
  expect(await usePasskey.evaluate((button, field) => Boolean(button.compareDocumentPosition(field!) & Node.DOCUMENT_POSITION_FOLLOWING), await codeField.elementHandle())).toBe(true);
  await expectNoAxeViolations(page, '/login/mfa with a passkey');
  await withPresence(authenticator, () => usePasskey.click(), () => expect(page).toHaveURL(AT_HOME));
  const [event] = execE2e<{ detail: string }>(`SELECT detail FROM "AuditEvent" WHERE type = 'login.success' AND userId = ? ORDER BY createdAt DESC LIMIT 1`, user.id);
  expect(JSON.parse(event!.detail)).toMatchObject({ method: 'passkey' });
});

test('removing needs the password and an existing factor; the only second factor cannot be removed; a removed passkey no longer signs in', async ({ page }) => {
  // Two users, two enrolments, several password proofs (argon2 each): over 30 s on a busy 2-core machine.
  test.setTimeout(90_000);
  const authenticator = await addAuthenticator(page);
  // Without TOTP, a passkey is the account's only second factor.
  const single = await createThrowawayUser('passkey-last');
  await signInAs(page, single);
  await registerPasskey(page, authenticator, 'Only key', single);
  // A wrong password: refused, whatever the passkey says (ADR 030).
  await passkeyList(page).first().getByRole('button', { name: 'Remove' }).click();
  await passkeyList(page).first().getByLabel('Current password').fill('not my password');
  await withPresence(
    authenticator,
    () => passkeyList(page).first().getByRole('button', { name: 'Remove passkey' }).click(),
    () => expect(formAlert(page)).toHaveText('Password or second factor is incorrect.'),
  );
  await passkeyList(page).first().getByLabel('Current password').fill(single.password);
  await withPresence(
    authenticator,
    () => passkeyList(page).first().getByRole('button', { name: 'Remove passkey' }).click(),
    () => expect(formAlert(page).filter({ hasText: 'only second factor' })).toBeVisible(),
  );
  expect(passkeysOf(single.id)).toHaveLength(1);
  await signOut(page);

  const user = await createThrowawayUser('passkey-remove', { totp: true });
  await signInAs(page, user);
  await registerPasskey(page, authenticator, 'Old phone', user);
  const [removed] = passkeysOf(user.id);
  // With TOTP, a code is the proof of an existing factor.
  await passkeyList(page).first().getByRole('button', { name: 'Remove' }).click();
  await passkeyList(page).first().getByLabel('Current password').fill(user.password);
  await passkeyList(page).first().getByLabel('Authentication code').fill(await unusedTotpCode(user.totpSecret!, user.email));
  await passkeyList(page).first().getByRole('button', { name: 'Remove passkey' }).click();
  await expect(page.getByText('Passkey removed.')).toBeVisible();
  await expect(passkeyList(page)).toHaveCount(0);
  expect(passkeysOf(user.id)).toEqual([]);
  expect(auditCount('passkey.removed', user.id)).toBe(1);

  // The authenticator still holds the removed key (and the other user's); offer it only the removed one.
  for (const credential of await credentialsOf(authenticator)) {
    if (Buffer.from(credential.credentialId, 'base64').toString('base64url') !== removed!.id) {
      await authenticator.cdp.send('WebAuthn.removeCredential', { authenticatorId: authenticator.id, credentialId: credential.credentialId });
    }
  }
  expect(await credentialsOf(authenticator)).toHaveLength(1);
  await signOut(page);
  await signInWithPasskey(page, authenticator, 'refused');
  await expect(page).toHaveURL(/\/login/);
  expect(execE2e('SELECT id FROM "Session" WHERE userId = ? AND revokedAt IS NULL', user.id)).toEqual([]);
});

test('a cloned passkey (its counter behind the stored one) is refused and recorded as a security event', async ({ page }) => {
  const user = await createThrowawayUser('passkey-clone');
  const authenticator = await addAuthenticator(page);
  await signInAs(page, user);
  await registerPasskey(page, authenticator, 'Original', user);
  await signOut(page);
  await signInWithPasskey(page, authenticator, 'signed-in');
  const stored = passkeysOf(user.id)[0]!.signCount;
  expect(stored).toBeGreaterThan(0);

  // A copy of the key made before that sign-in: same private key, older counter.
  await holdCopyOfKey(authenticator, stored - 1);

  await signOut(page);
  await signInWithPasskey(page, authenticator, 'refused');
  await expect(page).toHaveURL(/\/login/);
  expect(auditCount('passkey.clone_detected', user.id)).toBe(1);
  expect(passkeysOf(user.id)[0]!.signCount).toBe(stored);
  await expect.poll(() => execE2e('SELECT id FROM "Session" WHERE userId = ? AND revokedAt IS NULL', user.id)).toEqual([]);
});

test('a cloned passkey is suspended for every holder: the other copy is refused too; the owner is told, sees it suspended and removes it', async ({ page }) => {
  const user = await createThrowawayUser('passkey-suspend');
  const authenticator = await addAuthenticator(page);
  await signInAs(page, user);
  await registerPasskey(page, authenticator, 'Copied key', user);
  await signOut(page);
  await signInWithPasskey(page, authenticator, 'signed-in');
  const stored = passkeysOf(user.id)[0]!.signCount;

  // One holder's copy answers with an older counter: detected.
  await holdCopyOfKey(authenticator, stored - 1);
  await signOut(page);
  await signInWithPasskey(page, authenticator, 'refused');
  expect(auditCount('passkey.clone_detected', user.id)).toBe(1);

  // The other holder's copy, ahead of the stored counter, would pass the counter rule: refused all the same.
  await holdCopyOfKey(authenticator, stored + 10);
  await signInWithPasskey(page, authenticator, 'refused');
  await expect.poll(() => execE2e('SELECT id FROM "Session" WHERE userId = ? AND revokedAt IS NULL', user.id)).toEqual([]);
  expect(passkeysOf(user.id)[0]!.signCount).toBe(stored);

  // The owner signs in with her password (a suspended passkey is no second factor to ask for), is told, and removes it.
  await signInAs(page, user);
  await page.goto('/security');
  await expect(passkeyList(page).first()).toContainText('Suspended');
  await expect(page.getByTestId('passkey-suspended')).toContainText('a copy of this passkey was used');
  await expect(page.getByText('A copied passkey was refused and suspended: Copied key')).toBeVisible();
  // The password is the whole proof: a suspended passkey is no factor to prove (ADR 030, 032).
  await passkeyList(page).first().getByRole('button', { name: 'Remove' }).click();
  await passkeyList(page).first().getByLabel('Current password').fill(user.password);
  await passkeyList(page).first().getByRole('button', { name: 'Remove passkey' }).click();
  await expect(page.getByText('Passkey removed.')).toBeVisible();
  expect(passkeysOf(user.id)).toEqual([]);
});

test('asking for passkey sign-in options writes no row: 40 anonymous GETs add none; a spent sign-in answer cannot be replayed', async ({ page, browser }) => {
  // Anonymous clients, each with no cookies: what a flood from one address looks like.
  const signInChallengeRows = () => execE2e<{ n: number }>(`SELECT COUNT(*) AS n FROM "PasskeyChallenge" WHERE purpose = 'sign-in'`)[0]!.n;
  const before = signInChallengeRows();
  const anonymous = await browser.newContext();
  try {
    for (let i = 0; i < 40; i += 1) {
      await anonymous.clearCookies();
      const options = await anonymous.request.get('/login/passkey');
      expect(options.status()).toBe(200);
      expect((await options.json()) as { challenge?: string }).toMatchObject({ challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    }
  } finally {
    await anonymous.close();
  }
  expect(signInChallengeRows()).toBe(before);

  // Single use still holds: the browser's own answer, sent again, signs nobody in.
  const user = await createThrowawayUser('passkey-replay');
  const authenticator = await addAuthenticator(page);
  await signInAs(page, user);
  await registerPasskey(page, authenticator, 'Laptop', user);
  await signOut(page);
  let captured: Request | undefined;
  page.on('request', (request) => {
    if (request.method() === 'POST' && (request.postData() ?? '').includes('"clientDataJSON"')) captured = request;
  });
  await signInWithPasskey(page, authenticator, 'signed-in');
  expect(captured).toBeDefined();
  await signOut(page);
  const { 'content-length': _length, ...headers } = captured!.headers();
  const replay = await page.request.post(captured!.url(), { headers, data: captured!.postData()! });
  expect(replay.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith('__Host-session='))).toEqual([]);
  expect(execE2e('SELECT id FROM "Session" WHERE userId = ? AND revokedAt IS NULL', user.id)).toEqual([]);
  // Refused as a spent challenge, before any counter check: no false clone alarm.
  expect(auditCount('passkey.clone_detected', user.id)).toBe(0);
  expect(execE2e<{ suspendedAt: string | null }>('SELECT suspendedAt FROM "Passkey" WHERE userId = ?', user.id)).toEqual([{ suspendedAt: null }]);
});
