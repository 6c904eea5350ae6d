// Secrets at rest across SESSION_SECRETS changes, through the real app:
//  - a server given a new newest key re-encrypts a user's TOTP secret and
//    recovery codes under it when they next sign in with a code — once its
//    SESSION_KEY_ROLLOUT window is over, not before (ADR 026);
//  - a server whose keys cannot decrypt a user's TOTP secret (the old key was
//    dropped too early) says so and does not count it against the user: six
//    tries later the account is not locked.
import crypto from 'node:crypto';
import { expect, test } from './support/fixtures.ts';
import { e2eSessionSecrets } from './support/environment.ts';
import { startExtraServer } from './support/extra-server.ts';
import { createThrowawayUser, execE2e, formAlert, signInAs, submitCode, submitPassword, unusedTotpCode } from './auth-helpers.ts';

const UNAVAILABLE = 'Your code cannot be checked right now because of a problem on our side. It did not count as a failed attempt. Please try again later.';
const newKey = () => crypto.randomBytes(32).toString('base64url');

test.describe.configure({ timeout: 180_000 });

const storedSecrets = (userId: string) => ({
  totp: execE2e<{ totpSecret: string }>('SELECT totpSecret FROM "User" WHERE id = ?', userId)[0]!.totpSecret,
  codes: execE2e<{ codeHash: string }>('SELECT codeHash FROM "RecoveryCode" WHERE userId = ?', userId).map((row) => row.codeHash),
});

test('a new newest key: inside its rollout window nothing moves; after it, signing in with a code moves the user’s secrets under it', async ({ browser }) => {
  const user = await createThrowawayUser('rekey', { totp: true });
  expect(storedSecrets(user.id).totp).toMatch(/^v1\.1\./);
  const rotated = `2:${newKey()},${e2eSessionSecrets}`;
  const signInOn = async (env: Record<string, string>) => {
    const server = await startExtraServer({ database: 'shared', env });
    try {
      const context = await browser.newContext({ baseURL: server.baseURL });
      await signInAs(await context.newPage(), user);
      await context.close();
    } finally {
      await server.stop();
    }
  };

  // Just restarted with key 2 (SESSION_KEY_ROLLOUT, default 15m): instances not yet restarted know only key 1.
  await signInOn({ SESSION_SECRETS: rotated });
  const inWindow = storedSecrets(user.id);
  expect(inWindow.totp).toMatch(/^v1\.1\./);
  expect(inWindow.codes.every((value) => value.startsWith('v1.1.'))).toBe(true);

  // Window over (0: at once) — the next sign-in with a code re-encrypts under key 2.
  await signInOn({ SESSION_SECRETS: rotated, SESSION_KEY_ROLLOUT: '0' });
  const after = storedSecrets(user.id);
  expect(after.totp).toMatch(/^v1\.2\./);
  expect(after.codes).toHaveLength(10);
  expect(after.codes.every((value) => value.startsWith('v1.2.'))).toBe(true);
});

test('a TOTP secret the server cannot decrypt is an operator error, never the user’s failed attempt', async ({ browser, page }) => {
  const user = await createThrowawayUser('no-key', { totp: true });
  // Key 1 dropped without re-encrypting: this server cannot read the user's secret.
  const server = await startExtraServer({ database: 'shared', env: { SESSION_SECRETS: `2:${newKey()}` } });
  try {
    const context = await browser.newContext({ baseURL: server.baseURL });
    const broken = await context.newPage();
    await broken.goto('/login');
    await submitPassword(broken, user.email, user.password);
    await expect(broken).toHaveURL(/\/login\/mfa$/);
    // More tries than the lockout allows (5): none of them counts.
    for (let attempt = 1; attempt <= 6; attempt++) {
      await submitCode(broken, await unusedTotpCode(user.totpSecret!, user.email));
      await expect(broken).toHaveURL(/\/login\/mfa$/);
      await expect(formAlert(broken)).toHaveText(UNAVAILABLE);
    }
    const [throttle] = execE2e<{ failures: number; lockedUntil: string | null }>(
      'SELECT failures, lockedUntil FROM "LoginThrottle" WHERE key = ?',
      `account:${user.email.toLowerCase()}`,
    );
    expect(throttle?.failures ?? 0).toBe(0);
    expect(throttle?.lockedUntil ?? null).toBeNull();
    expect(execE2e<{ n: number }>('SELECT COUNT(*) AS n FROM "AuditEvent" WHERE type = ? AND userId = ?', 'mfa.failure', user.id)[0]!.n).toBe(0);
    await context.close();
  } finally {
    await server.stop();
  }
  // Where the key is configured, the same user signs in at once: nothing was locked.
  await signInAs(page, user);
});
