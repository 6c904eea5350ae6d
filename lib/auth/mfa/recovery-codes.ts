// MFA recovery codes: shown once, stored as a per-user keyed digest sealed under
// SESSION_SECRETS. Framework-free (no 'server-only') because the seed script and
// `npm run secrets:reencrypt` import it. docs/decisions/019-secrets-at-rest.md
//
// Stored form (RecoveryCode.codeHash): encryptField(digest) — the same
// v1.<keyId>.… format as TOTP secrets — where
//   digest = HMAC-SHA-256(key = "strongroom recovery code v2:" + userId, SHA-256(code))
// A leaked database or backup alone yields nothing to guess against (the digest
// is encrypted under a key that lives only in the environment), the user id in
// the HMAC key stops one guess from being tried against every user's codes at
// once, and — unlike an HMAC keyed straight from a secret — the value can be
// re-encrypted under a new key without knowing the code, so rotating
// SESSION_SECRETS never strands a code. A code carries 50 random bits, so a fast
// hash is enough even for someone who holds both the database and the key.
//
// Rows written before this format hold the plain hex SHA-256 of the code; their
// digest is computed from that hash directly, so they keep working until
// `npm run secrets:reencrypt` (or the user's next successful second factor) seals them.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CRYPTO_LABELS } from '../../config/crypto-labels.ts';
import type { Keys } from '../../config/sealing-key.ts';
import { decryptField, encryptField, type FieldDecryption } from '../../crypto/field-encryption.ts';

export const RECOVERY_CODE_COUNT = 10;

// Crockford's base32: no I, L, O, U, so codes survive being read aloud or
// written down; lower case because that is easier to type on phones.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const CODE_LENGTH = 10; // shown as xxxx-xxxx-xx
const DIGEST_KEY_PREFIX = CRYPTO_LABELS.recoveryCodeDigest;
const LEGACY_HASH = /^[0-9a-f]{64}$/;

/** Groups a 10-character code as "xxxx-xxxx-xx" for display. */
export function formatRecoveryCode(raw: string): string {
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** `count` fresh codes, formatted for display. */
export function generateRecoveryCodes(count: number = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    // 256 is a multiple of 32, so `byte % 32` is uniform (no modulo bias).
    const chars = [...randomBytes(CODE_LENGTH)].map((byte) => ALPHABET[byte % ALPHABET.length]);
    return formatRecoveryCode(chars.join(''));
  });
}

/**
 * The canonical form of what a person typed: lower case, no spaces or dashes,
 * and Crockford's look-alikes mapped (i/l → 1, o → 0). Undefined when it cannot
 * be a recovery code at all, so callers can reject it without a lookup.
 */
export function normalizeRecoveryCode(input: string): string | undefined {
  const code = input
    .toLowerCase()
    .replace(/[\s-]/g, '')
    .replace(/[il]/g, '1')
    .replace(/o/g, '0');
  if (code.length !== CODE_LENGTH) return undefined;
  if (![...code].every((char) => ALPHABET.includes(char))) return undefined;
  return code;
}

function digestOfHash(userId: string, sha256Hex: string): Buffer {
  return createHmac('sha256', `${DIGEST_KEY_PREFIX}${userId}`).update(sha256Hex, 'utf8').digest();
}

function digestOfCode(userId: string, code: string): Buffer {
  return digestOfHash(userId, createHash('sha256').update(code, 'utf8').digest('hex'));
}

/** The value to store in RecoveryCode.codeHash for `code` (as shown to the user), sealed under the sealing key. */
export function sealRecoveryCode(userId: string, code: string, keys: Keys): string {
  const normalized = normalizeRecoveryCode(code);
  if (!normalized) throw new Error('not a recovery code');
  return encryptField(digestOfCode(userId, normalized).toString('base64url'), keys);
}

export type StoredDigest =
  | { ok: true; digest: Buffer; needsResealing: boolean }
  | { ok: false; reason: Exclude<FieldDecryption, { ok: true }>['reason'] };

/** The digest a stored value holds. needsResealing: legacy SHA-256, or sealed under an older key. */
export function readStoredDigest(stored: string, userId: string, keys: Keys): StoredDigest {
  if (LEGACY_HASH.test(stored)) return { ok: true, digest: digestOfHash(userId, stored), needsResealing: true };
  const opened = decryptField(stored, keys);
  if (!opened.ok) return { ok: false, reason: opened.reason };
  return { ok: true, digest: Buffer.from(opened.plaintext, 'base64url'), needsResealing: opened.needsReencryption };
}

export type RecoveryCodeReseal =
  | { status: 'current' }
  | { status: 'resealed'; value: string }
  | { status: 'unreadable'; reason: Extract<StoredDigest, { ok: false }>['reason'] };

/** Re-seals a stored value under the sealing key (no plaintext code needed). */
export function resealRecoveryCode(stored: string, userId: string, keys: Keys): RecoveryCodeReseal {
  const read = readStoredDigest(stored, userId, keys);
  if (!read.ok) return { status: 'unreadable', reason: read.reason };
  if (!read.needsResealing) return { status: 'current' };
  return { status: 'resealed', value: encryptField(read.digest.toString('base64url'), keys) };
}

export type RecoveryCodeMatch =
  | { status: 'match'; id: string }
  /** unreadable: rows that could not be checked at all (their key is missing from SESSION_SECRETS). */
  | { status: 'no-match'; checked: number; unreadable: number };

/** Which of a user's stored codes `input` is, comparing every row in constant time. */
export function matchRecoveryCode(
  rows: readonly { id: string; codeHash: string }[],
  userId: string,
  input: string,
  keys: Keys,
): RecoveryCodeMatch {
  const normalized = normalizeRecoveryCode(input);
  if (!normalized) return { status: 'no-match', checked: 0, unreadable: 0 };
  const wanted = digestOfCode(userId, normalized);
  let match: string | undefined;
  let checked = 0;
  let unreadable = 0;
  for (const row of rows) {
    const stored = readStoredDigest(row.codeHash, userId, keys);
    if (!stored.ok) {
      unreadable++;
      continue;
    }
    checked++;
    if (stored.digest.length === wanted.length && timingSafeEqual(stored.digest, wanted)) match ??= row.id;
  }
  return match ? { status: 'match', id: match } : { status: 'no-match', checked, unreadable };
}
