// Keeps secrets at rest under the sealing key (lib/config/sealing-key.ts: the
// newest SESSION_SECRETS key once it is rolled out): TOTP secrets (and
// unfinished TOTP setups) are re-encrypted, recovery-code digests re-sealed
// (docs/decisions/019-secrets-at-rest.md). Two callers: a user's successful
// second factor (active users migrate by themselves) and
// `npm run secrets:reencrypt` (everyone, so an old key can be dropped).
// Framework-free (the ciphers are lib/crypto's). Every write is conditional on
// the value read, so a parallel re-enrolment or a used code is never
// overwritten with stale data.
import type { Db } from '../db/client.ts';
import type { Keys } from '../config/sealing-key.ts';
import { resealRecoveryCode } from '../auth/mfa/index.ts';
import { currentKeyId, decryptField, encryptField } from '../crypto/field-encryption.ts';

export type UnreadableSecret = { userId: string; what: 'totp-secret' | 'recovery-code'; reason: 'malformed' | 'unknown-key' | 'tampered' };
export type ResealResult = { resealed: number; current: number; unreadable: UnreadableSecret[] };

export async function resealUserSecrets(db: Db, keys: Keys, userId: string): Promise<ResealResult> {
  const result: ResealResult = { resealed: 0, current: 0, unreadable: [] };
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecret: true } });
  if (user?.totpSecret) {
    const opened = decryptField(user.totpSecret, keys);
    if (!opened.ok) result.unreadable.push({ userId, what: 'totp-secret', reason: opened.reason });
    else if (!opened.needsReencryption) result.current++;
    else {
      const { count } = await db.user.updateMany({
        where: { id: userId, totpSecret: user.totpSecret },
        data: { totpSecret: encryptField(opened.plaintext, keys) },
      });
      result.resealed += count;
    }
  }
  const codes = await db.recoveryCode.findMany({ where: { userId }, select: { id: true, codeHash: true } });
  for (const code of codes) {
    const resealed = resealRecoveryCode(code.codeHash, userId, keys);
    if (resealed.status === 'unreadable') result.unreadable.push({ userId, what: 'recovery-code', reason: resealed.reason });
    else if (resealed.status === 'current') result.current++;
    else {
      const { count } = await db.recoveryCode.updateMany({ where: { id: code.id, codeHash: code.codeHash }, data: { codeHash: resealed.value } });
      result.resealed += count;
    }
  }
  return result;
}

export type ReencryptReport = ResealResult & { users: number; keyId: string };

/** Every user's secrets, in batches. Idempotent: a second run reseals nothing. */
export async function reencryptAllSecrets(db: Db, keys: Keys, batchSize = 200): Promise<ReencryptReport> {
  const report: ReencryptReport = { users: 0, resealed: 0, current: 0, unreadable: [], keyId: currentKeyId(keys) };
  let cursor: string | undefined;
  for (;;) {
    const users = await db.user.findMany({
      where: { OR: [{ totpSecret: { not: null } }, { recoveryCodes: { some: {} } }] },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: batchSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    for (const { id } of users) {
      const result = await resealUserSecrets(db, keys, id);
      report.users++;
      report.resealed += result.resealed;
      report.current += result.current;
      report.unreadable.push(...result.unreadable);
    }
    if (users.length < batchSize) return report;
    cursor = users.at(-1)!.id;
  }
}
