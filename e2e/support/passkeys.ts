// Passkeys in real Chromium: its virtual authenticator (CDP WebAuthn domain) and
// the ceremonies as a user performs them. Shared by e2e/passkeys.spec.ts and the
// cluster suite (the same flows over HTTPS behind nginx).
//
// The virtual authenticator answers a conditional (autofill) request at once
// when "user presence" is simulated, so /login would sign a passkey holder in
// as it loads, and a pending one races the button's request. So pages here
// behave like a browser without passkey autofill (until a test turns it on
// with `allowAutofill`), and presence is on only for the ceremony a test
// performs (`withPresence`).
import type { CDPSession, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { formAlert, unusedTotpCode } from '../auth-helpers.ts';
import { AT_HOME, expectSignedIn } from './signed-in.ts';

export type Authenticator = { cdp: CDPSession; id: string };

/** A platform authenticator (like Touch ID or Windows Hello) that verifies its user and answers at once. */
export async function addAuthenticator(page: Page): Promise<Authenticator> {
  await page.addInitScript(() => {
    try {
      if (localStorage.getItem('e2e-passkey-autofill') !== 'on') PublicKeyCredential.isConditionalMediationAvailable = async () => false;
    } catch {
      // about:blank has no storage
    }
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: false,
    },
  });
  return { cdp, id: authenticatorId };
}

export const allowAutofill = (page: Page) => page.evaluate(() => localStorage.setItem('e2e-passkey-autofill', 'on'));

export const setPresence = (authenticator: Authenticator, enabled: boolean) =>
  authenticator.cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: authenticator.id, enabled });

/** The user touches the authenticator for whatever `action` starts, until `done` (what the user then sees) holds. */
export async function withPresence(authenticator: Authenticator, action: () => Promise<void>, done: () => Promise<void>): Promise<void> {
  await setPresence(authenticator, true);
  try {
    await action();
    await done();
  } finally {
    await setPresence(authenticator, false);
  }
}

export const credentialsOf = async (authenticator: Authenticator) =>
  (await authenticator.cdp.send('WebAuthn.getCredentials', { authenticatorId: authenticator.id })).credentials;

/** Swaps the authenticator's only key for a copy of it whose counter is `signCount` (a clone, as another device holds it). */
export async function holdCopyOfKey(authenticator: Authenticator, signCount: number): Promise<void> {
  const [original] = await credentialsOf(authenticator);
  if (!original) throw new Error('the authenticator holds no key to copy');
  await authenticator.cdp.send('WebAuthn.removeCredential', { authenticatorId: authenticator.id, credentialId: original.credentialId });
  await authenticator.cdp.send('WebAuthn.addCredential', { authenticatorId: authenticator.id, credential: { ...original, signCount } });
}

export const passkeyList = (page: Page) => page.getByRole('region', { name: 'Passkeys' }).getByTestId('passkey');

/**
 * Adds a passkey from the security centre as its owner does (ADR 030): the
 * current password, and — when the account has TOTP — a code; an account whose
 * second factor is a passkey confirms with it in the same ceremony.
 */
export async function registerPasskey(page: Page, authenticator: Authenticator, name: string, owner: { email: string; password: string; totpSecret?: string }): Promise<void> {
  await page.goto('/security');
  const before = await passkeyList(page).count();
  const region = page.getByRole('region', { name: 'Passkeys' });
  await region.getByLabel('Name for the new passkey').fill(name);
  const password = region.getByLabel('Current password');
  if (await password.count()) await password.fill(owner.password);
  const code = region.getByLabel('Authentication code');
  if (owner.totpSecret && (await code.count())) await code.fill(await unusedTotpCode(owner.totpSecret, owner.email));
  await withPresence(
    authenticator,
    () => region.getByRole('button', { name: 'Add a passkey' }).click(),
    () => expect(page.getByText('Passkey added.')).toBeVisible(),
  );
  await expect(passkeyList(page)).toHaveCount(before + 1);
  await expect(passkeyList(page).filter({ hasText: name })).toContainText('Device-bound passkey');
}

/** /login, then the button; resolves once the user sees the outcome (the home page, or the refusal). */
export async function signInWithPasskey(page: Page, authenticator: Authenticator, expected: 'signed-in' | 'refused'): Promise<void> {
  await page.goto('/login');
  await withPresence(
    authenticator,
    () => page.getByRole('button', { name: 'Sign in with a passkey' }).click(),
    async () => {
      if (expected === 'signed-in') {
        await expect(page).toHaveURL(AT_HOME);
        await expectSignedIn(page);
      } else await expect(formAlert(page)).toContainText(passkeySignInRefusal);
    },
  );
}

export const passkeySignInRefusal = 'That passkey could not sign you in.';

