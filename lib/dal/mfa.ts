import 'server-only';
// TOTP and recovery codes as stored: the User row's totpSecret, totpEnabledAt
// and totpLastStep, and the user's RecoveryCode rows. Single use lives in the
// writes here — a TOTP step through a conditional update of totpLastStep, a
// recovery code through a conditional update of its usedAt — so of parallel
// requests with the same code, one wins. Checking codes is lib/auth/mfa's.
import { db } from '../db';
import type { Keys } from '../config/sealing-key';
import { resealUserSecrets } from './reseal-secrets';
import type { SecondFactorStore } from '../auth/mfa';

/** The stored (encrypted) TOTP secret — set while a setup is unfinished — and when TOTP was turned on. */
export function fetchTotpState(userId: string) {
  return db.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true } });
}

/** Consumes a TOTP time step: true only if it is later than the last accepted one, set in the same statement that checks it. */
export async function consumeTotpStep(userId: string, timeStep: number): Promise<boolean> {
  const { count } = await db.user.updateMany({
    where: {
      id: userId,
      totpEnabledAt: { not: null },
      OR: [{ totpLastStep: null }, { totpLastStep: { lt: timeStep } }],
    },
    data: { totpLastStep: timeStep },
  });
  return count === 1;
}

export function fetchUnusedRecoveryCodes(userId: string): Promise<{ id: string; codeHash: string }[]> {
  return db.recoveryCode.findMany({ where: { userId, usedAt: null }, select: { id: true, codeHash: true } });
}

/** Marks a recovery code used. Conditional on usedAt: of parallel requests with the same code, one wins. */
export async function consumeRecoveryCode(id: string, now: Date): Promise<boolean> {
  const { count } = await db.recoveryCode.updateMany({ where: { id, usedAt: null }, data: { usedAt: now } });
  return count === 1;
}

export function countUnusedRecoveryCodes(userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}

/** What lib/auth/mfa's verifySecondFactor reads and consumes, on the app's database. */
export const secondFactorStore: SecondFactorStore = {
  fetchTotpState,
  consumeTotpStep,
  fetchUnusedRecoveryCodes,
  consumeRecoveryCode,
  countUnusedRecoveryCodes,
  resealSecrets: (userId: string, keys: Keys) => resealUserSecrets(db, keys, userId),
};

/** Stores a new, not yet active secret (replacing any unfinished setup). False when TOTP is on already. */
export async function createTotpSetup(userId: string, sealedSecret: string): Promise<boolean> {
  const { count } = await db.user.updateMany({
    where: { id: userId, totpEnabledAt: null },
    data: { totpSecret: sealedSecret, totpLastStep: null },
  });
  return count === 1;
}

/** Drops an unfinished setup. False when there was none (or TOTP is on). */
export async function deleteTotpSetup(userId: string): Promise<boolean> {
  const { count } = await db.user.updateMany({
    where: { id: userId, totpEnabledAt: null, totpSecret: { not: null } },
    data: { totpSecret: null, totpLastStep: null },
  });
  return count === 1;
}

/**
 * Turns on exactly the secret that was checked (a parallel "start again" loses),
 * records the confirming code's step as used, and replaces the recovery codes —
 * in one transaction. False when the setup changed meanwhile.
 */
export function enableTotp(
  userId: string,
  input: { checkedSecret: string; timeStep: number; now: Date; recoveryCodeHashes: string[] },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId, totpEnabledAt: null, totpSecret: input.checkedSecret },
      data: { totpEnabledAt: input.now, totpLastStep: input.timeStep },
    });
    if (count !== 1) return false;
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({ data: input.recoveryCodeHashes.map((codeHash) => ({ userId, codeHash })) });
    return true;
  });
}

/** Turns TOTP off: the secret, its last step and every recovery code go together. */
export async function deleteTotp(userId: string): Promise<void> {
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } }),
    db.recoveryCode.deleteMany({ where: { userId } }),
  ]);
}
