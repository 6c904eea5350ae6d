// Helpers for the auth-*.spec.ts files: throwaway users written straight into
// the e2e database (so lockouts, password changes and MFA changes never touch
// the seeded demo users other specs sign in as), TOTP codes that are not yet
// used, and reading the login flow's cookies.
import { randomBytes } from 'node:crypto';
import type { BrowserContext, Cookie, Locator, Page, Request } from '@playwright/test';
import { expect } from '@playwright/test';
import { generate } from 'otplib';
import { hashPassword } from '../lib/auth/password/index.ts';
import { generateRecoveryCodes, sealRecoveryCode } from '../lib/auth/mfa/index.ts';
import { parseSessionSecrets } from '../lib/config/secrets.ts';
import { encryptField } from '../lib/crypto/field-encryption.ts';
import { openE2eDatabase } from './support/database.ts';
import { e2eSessionSecrets } from './support/environment.ts';
import { SESSION_COOKIE, sessionCookieValue, sessionIdOf } from './support/session.ts';
import { AT_HOME } from './support/signed-in.ts';

export const PENDING_LOGIN_COOKIE = '__Host-pending-login';
export const SIGN_IN_BLOCKED = 'Sign-in is temporarily blocked. Try again later.';
export const INVALID_CREDENTIALS = 'Email or password is incorrect.';
export const BOB_TOTP_SECRET = 'SWTWTXBRSUVVYRCHL7I5QG6ESA4TLDCG';

/** SQLite DateTime the way Prisma's adapter stores it. */
export const sqliteDate = (date: Date) => date.toISOString().replace('Z', '+00:00');

const keyMap = () => {
  const parsed = parseSessionSecrets(e2eSessionSecrets);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
};

let hashCache: Map<string, Promise<string>> | undefined;
function hashOnce(password: string): Promise<string> {
  hashCache ??= new Map();
  let hash = hashCache.get(password);
  if (!hash) hashCache.set(password, (hash = hashPassword(password)));
  return hash;
}

export type ThrowawayUser = {
  id: string;
  email: string;
  password: string;
  totpSecret?: string;
  recoveryCodes?: string[];
  accountIds?: { checking: string; savings: string };
};

const randomId = (prefix: string) => `${prefix}${randomBytes(10).toString('hex')}`;

/**
 * A new user only this test knows. Options: TOTP enabled (its own secret and
 * recovery codes), and two funded EUR accounts for transfer tests.
 */
export async function createThrowawayUser(
  label: string,
  options: { totp?: boolean; accounts?: boolean; password?: string } = {},
): Promise<ThrowawayUser> {
  const password = options.password ?? 'a throwaway passphrase for e2e';
  const user: ThrowawayUser = {
    id: randomId('e2e'),
    email: `${label}-${randomBytes(5).toString('hex')}@e2e.example.com`,
    password,
  };
  const now = sqliteDate(new Date());
  const db = openE2eDatabase();
  try {
    const passwordHash = await hashOnce(password);
    let encryptedSecret: string | null = null;
    if (options.totp) {
      user.totpSecret = randomBase32(32);
      user.recoveryCodes = generateRecoveryCodes();
      encryptedSecret = encryptField(user.totpSecret, keyMap());
    }
    db.prepare(
      `INSERT INTO "User" (id, email, name, passwordHash, passwordChangedAt, totpSecret, totpEnabledAt, emailVerifiedAt, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(user.id, user.email, `E2E ${label}`, passwordHash, now, encryptedSecret, options.totp ? now : null, now, now, now);
    for (const code of user.recoveryCodes ?? []) {
      db.prepare('INSERT INTO "RecoveryCode" (id, userId, codeHash, createdAt) VALUES (?, ?, ?, ?)').run(randomId('rc'), user.id, sealRecoveryCode(user.id, code, keyMap()), now);
    }
    if (options.accounts) {
      const insert = db.prepare(
        'INSERT INTO "BankAccount" (id, userId, name, kind, currency, iban, balanceMinor, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const iban = () => `DE00999${String(randomBytes(6).readUIntBE(0, 6)).padStart(15, '0').slice(0, 15)}`;
      user.accountIds = { checking: randomId('ba'), savings: randomId('ba') };
      insert.run(user.accountIds.checking, user.id, 'E2E Checking', 'checking', 'EUR', iban(), 5_000_00, now);
      insert.run(user.accountIds.savings, user.id, 'E2E Savings', 'savings', 'EUR', iban(), 20_000_00, now);
    }
  } finally {
    db.close();
  }
  return user;
}

function randomBase32(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return [...randomBytes(length)].map((byte) => alphabet[byte % 32]).join('');
}

/** Runs one statement against the e2e database. */
export function execE2e<T = unknown>(sql: string, ...params: unknown[]): T[] {
  const db = openE2eDatabase();
  try {
    const statement = db.prepare(sql);
    return statement.reader ? (statement.all(...params) as T[]) : (statement.run(...params), []);
  } finally {
    db.close();
  }
}

/** A saved payee for `userId`, written straight into the database (adding one through the UI needs a step-up). */
export function insertPayee(userId: string, name: string): string {
  const id = `payee${randomBytes(8).toString('hex')}`;
  const iban = `DE89370400440532${String(randomBytes(3).readUIntBE(0, 3) % 1_000_000).padStart(6, '0')}`;
  execE2e('INSERT INTO "Payee" (id, userId, name, iban, createdAt) VALUES (?, ?, ?, ?, ?)', id, userId, name, iban, sqliteDate(new Date()));
  return id;
}

/** Time passes: this browser's last authentication is an hour old (past the fresh-auth window). Returns the session id. */
export async function makeAuthenticationStale(context: BrowserContext): Promise<string> {
  const id = await sessionIdOf(await sessionCookieValue(context));
  execE2e('UPDATE "Session" SET authenticatedAt = ? WHERE id = ?', sqliteDate(new Date(Date.now() - 3_600_000)), id);
  return id;
}

/**
 * A TOTP code the server has not accepted yet for this user: for the time step
 * after the last one used (codes are single-use), waiting when that step is
 * further ahead than the server's ±1 window allows.
 */
export async function unusedTotpCode(secret: string, email: string): Promise<string> {
  for (;;) {
    const [row] = execE2e<{ totpLastStep: number | null }>('SELECT totpLastStep FROM "User" WHERE email = ?', email);
    const nowStep = Math.floor(Date.now() / 30_000);
    const step = Math.max(nowStep, (row?.totpLastStep ?? -1) + 1);
    // The server accepts steps now-1 … now+1, so this code stays good for at least 30 s.
    if (step <= nowStep + 1) return generate({ secret, epoch: step * 30 + 15 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** The page's own alert (Next's route announcer is an empty role="alert" outside <main>). */
export const formAlert = (page: Page) => page.getByRole('main').getByRole('alert');

export async function cookieNamed(context: BrowserContext, name: string): Promise<Cookie | undefined> {
  return (await context.cookies()).find((cookie) => cookie.name === name);
}

export const sessionCookie = (context: BrowserContext) => cookieNamed(context, SESSION_COOKIE);
export const pendingLoginCookie = (context: BrowserContext) => cookieNamed(context, PENDING_LOGIN_COOKIE);

/**
 * Clicks a submit button and waits until the server answered and React is done
 * with the result (the button is enabled again). Without this, the next fill()
 * can race the form reset React 19 performs when an action completes.
 */
export async function submitAndSettle(page: Page, button: Locator): Promise<void> {
  const answered = page.waitForResponse((response) => response.request().method() === 'POST');
  await button.click();
  await answered;
  await page.waitForLoadState();
  // Enabled again — or gone, when the answer was a redirect to another page.
  await expect
    .poll(() => button.evaluateAll((buttons) => buttons.every((b) => !(b as HTMLButtonElement).disabled)).catch(() => false))
    .toBe(true);
}

/** Fills and submits the password step; returns once the answer is on screen (an error, or the next page loading). */
export async function submitPassword(page: Page, email: string, password: string): Promise<void> {
  if (new URL(page.url()).pathname !== '/login') await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await submitAndSettle(page, page.getByRole('button', { name: /^Sign(ing)? in(…)?$/ }));
}

/** The whole sign-in, including the code step when `totpSecret` is given. Ends on the home page (e2e/support/signed-in.ts). */
export async function signInAs(page: Page, user: { email: string; password: string; totpSecret?: string }): Promise<void> {
  await page.goto('/login');
  await submitPassword(page, user.email, user.password);
  if (user.totpSecret) {
    await expect(page).toHaveURL(/\/login\/mfa$/);
    await submitCode(page, await unusedTotpCode(user.totpSecret, user.email));
  }
  await expect(page).toHaveURL(AT_HOME);
}

export async function submitCode(page: Page, code: string): Promise<void> {
  await page.getByLabel('Authentication code', { exact: true }).fill(code);
  await submitAndSettle(page, page.getByRole('button', { name: /^Verif/ }));
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  // Usually ?reason=signed-out; the idle-warning poller can see the revoked session
  // first and navigate to ?reason=revoked — either way the session is over.
  await expect(page).toHaveURL(/\/login\?reason=(signed-out|revoked)/);
}

/** The session id a sealed cookie names, straight from the e2e database's point of view. */
export function sessionRow(id: string): { id: string; userId: string; revokedAt: string | null; revokedReason: string | null; authenticatedAt: string } | undefined {
  return execE2e<{ id: string; userId: string; revokedAt: string | null; revokedReason: string | null; authenticatedAt: string }>(
    'SELECT id, userId, revokedAt, revokedReason, authenticatedAt FROM "Session" WHERE id = ?',
    id,
  )[0];
}

export function auditCount(type: string, userId: string): number {
  return execE2e<{ n: number }>('SELECT COUNT(*) AS n FROM "AuditEvent" WHERE type = ? AND userId = ?', type, userId)[0]!.n;
}

/** The password step-up's request as the browser sends it (captured, not delivered), to replay later. */
export async function capturePasswordStepUp(page: Page, password: string): Promise<Request> {
  let captured: Request | undefined;
  await page.route('**/reauth**', async (route) => {
    const request = route.request();
    if (request.method() === 'POST' && (request.postData() ?? '').includes(password)) {
      captured = request;
      await route.abort();
    } else await route.fallback();
  });
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: /^(Continue|Checking)/ }).click();
  await expect.poll(() => captured).toBeDefined();
  await page.unrouteAll();
  return captured!;
}

/** The ids of the user's sessions that are not revoked. */
export const liveSessions = (userId: string) => execE2e<{ id: string }>('SELECT id FROM "Session" WHERE userId = ? AND revokedAt IS NULL', userId).map((row) => row.id);
