// A user with TOTP on is only ever signed in by a session that passed the code
// step (Session.mfaVerified). Every flow creates such sessions (the code step,
// step-up with a code, turning MFA on), but a session can slip through without
// one — a password sign-in racing the moment MFA is turned on elsewhere, a row
// written by a script. The data access layer refuses it: no data, signed out,
// the session revoked and audited. Sessions are written straight into the e2e
// database here, exactly as such a race would leave them.
import { randomBytes } from 'node:crypto';
import { hashSessionSecret } from '../lib/session/token.ts';
import { expect, test } from './support/fixtures.ts';
import { createThrowawayUser, execE2e, sessionRow, sqliteDate } from './auth-helpers.ts';
import { countAuditEvents, openE2eDatabase } from './support/database.ts';
import { fetchWithCookie, plantSessionCookie, sealSessionCookie } from './support/session.ts';
import { HOME_PATH } from './support/signed-in.ts';

/** A live session row for `userId` and an authentic cookie for it. */
async function plantSessionRow(userId: string, mfaVerified: boolean): Promise<{ id: string; cookie: string }> {
  const token = { id: `e2e-mfa-${randomBytes(12).toString('hex')}`, secret: randomBytes(32).toString('base64url') };
  const now = sqliteDate(new Date());
  execE2e(
    `INSERT INTO "Session" (id, secretHash, userId, createdAt, lastSeenAt, rotatedAt, authenticatedAt, mfaVerified, ipAddress, userAgent)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, '203.0.113.9', 'e2e')`,
    token.id,
    hashSessionSecret(token.secret),
    userId,
    now,
    now,
    now,
    now,
    mfaVerified ? 1 : 0,
  );
  return { id: token.id, cookie: await sealSessionCookie(token) };
}

test('a TOTP user’s session that skipped the code step gets no data and is revoked', async ({ baseURL, page }) => {
  const user = await createThrowawayUser('mfa-enforced', { totp: true });

  // Control: the same kind of row, code step passed, is a working session.
  const verified = await plantSessionRow(user.id, true);
  const ok = await fetchWithCookie(`${baseURL}/api/me`, verified.cookie);
  expect(ok.status).toBe(200);
  expect(await ok.text()).toContain(user.email);

  const unverified = await plantSessionRow(user.id, false);
  const refused = await fetchWithCookie(`${baseURL}/api/me`, unverified.cookie);
  expect(refused.status).toBe(401);
  expect(await refused.text()).not.toContain(user.email);

  // Pages: signed out with the revoked notice, nothing of the user's in sight.
  await plantSessionCookie(page.context(), unverified.cookie, baseURL!);
  await page.goto(HOME_PATH);
  await expect(page).toHaveURL(/\/login\?reason=revoked/);
  await expect(page.locator('body')).not.toContainText(user.email);

  // Server side: revoked once (for the MFA state it does not match), and audited.
  expect(sessionRow(unverified.id)).toMatchObject({ revokedReason: 'mfa-changed' });
  expect(sessionRow(unverified.id)?.revokedAt).not.toBeNull();
  const db = openE2eDatabase();
  try {
    expect(countAuditEvents(db, 'session.revoked', unverified.id)).toBe(1);
  } finally {
    db.close();
  }
  // The verified session is untouched.
  expect(sessionRow(verified.id)?.revokedAt).toBeNull();
});

test('a session without the code step keeps working for a user without TOTP', async ({ baseURL }) => {
  const user = await createThrowawayUser('mfa-not-enrolled');
  const session = await plantSessionRow(user.id, false);
  const response = await fetchWithCookie(`${baseURL}/api/me`, session.cookie);
  expect(response.status).toBe(200);
  expect(await response.text()).toContain(user.email);
  expect(sessionRow(session.id)?.revokedAt).toBeNull();
});
