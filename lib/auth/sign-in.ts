import 'server-only';
// Checks an email and password. Unknown emails cost the same argon2 work as
// known ones, and every failure has the same shape, so neither the message nor
// the timing tells an attacker which emails have accounts.
import { db } from '../db';
import { hashPassword, verifyPassword, verifyPasswordAgainstDummy } from './password';

/** The one message for every failed sign-in. */
export const INVALID_CREDENTIALS = 'Email or password is incorrect.';

export type CredentialCheck =
  | { ok: true; user: { id: string; totpEnabled: boolean } }
  | { ok: false; reason: 'invalid' };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function verifyCredentials(email: string, password: string): Promise<CredentialCheck> {
  const user = await db.user.findUnique({
    where: { email: normalizeEmail(email) },
    select: { id: true, passwordHash: true, totpEnabledAt: true },
  });
  if (!user) {
    await verifyPasswordAgainstDummy(password);
    return { ok: false, reason: 'invalid' };
  }
  const verification = await verifyPassword(user.passwordHash, password);
  if (!verification.ok) return { ok: false, reason: 'invalid' };
  if (verification.needsRehash) {
    // Parameters changed since this hash was made: upgrade it while we know the password.
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  }
  return { ok: true, user: { id: user.id, totpEnabled: user.totpEnabledAt !== null } };
}
