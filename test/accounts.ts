// For unit tests of changes behind a step-up (ADR 046): users with the factors
// a test names, and what the DAL hands the app for one of their requests.
import { beforeAll, beforeEach } from 'vitest';
import { hashPassword } from '../lib/auth/password/index.ts';
import type { Db } from '../lib/db/client.ts';
import type { AuthLevel } from '../lib/session/auth-level.ts';
import { getTestDb, resetTestDb } from './db.ts';

export type Factors = { totp?: boolean; passkey?: boolean };

/** A user with a password (`passwordHash`) and, as asked, TOTP (with a recovery code) and a passkey; the secrets are placeholders. */
export async function createUserWithFactors(db: Db, email: string, passwordHash: string, factors: Factors = {}) {
  const user = await db.user.create({ data: { email, name: 'Owner', passwordHash, ...(factors.totp ? { totpSecret: 'x', totpEnabledAt: new Date() } : {}) } });
  if (factors.totp) await db.recoveryCode.create({ data: { userId: user.id, codeHash: 'x' } });
  if (factors.passkey) await db.passkey.create({ data: { id: `pk-${user.id}`, userId: user.id, publicKey: 'x', deviceType: 'multiDevice', name: 'Phone' } });
  return user;
}

/** A test file's users, all with `password` (hashed once); every table is emptied before each test. */
export function usersWithPassword(password: string) {
  let passwordHash = '';
  beforeAll(async () => {
    passwordHash = await hashPassword(password);
  });
  beforeEach(resetTestDb);
  return {
    create: (email: string, factors: Factors = {}) => createUserWithFactors(getTestDb(), email, passwordHash, factors),
    passwordHash: () => passwordHash,
  };
}

export type StepUpOptions = Factors & { authLevel?: AuthLevel; authenticatedAt?: Date };

/** The signed-in request of `user` whose session was authenticated at `authLevel` (single-factor), at `authenticatedAt` (now). */
export function signedInRequest<S extends { id: string; authenticatedAt: Date }>(user: { id: string; email: string }, session: S, options: StepUpOptions = {}) {
  return {
    session: { ...session, authenticatedAt: options.authenticatedAt ?? session.authenticatedAt },
    authLevel: options.authLevel ?? ('single-factor' as AuthLevel),
    user: { id: user.id, email: user.email, totpEnabled: Boolean(options.totp), hasPasskey: Boolean(options.passkey) },
  };
}
