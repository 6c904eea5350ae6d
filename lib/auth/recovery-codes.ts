// MFA recovery codes: shown once, stored only as SHA-256 hashes. Framework-free
// (no 'server-only') because the seed script imports it.
//
// Why SHA-256 and not argon2: a code carries 50 random bits (10 characters from
// a 32-letter alphabet), so brute-forcing a leaked hash is out of reach without
// a slow hash, sign-in throttling caps online guessing, and a plain digest lets
// the app find a code with one indexed equality lookup instead of 10 argon2 runs.
import { createHash, randomBytes } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;

// Crockford's base32: no I, L, O, U, so codes survive being read aloud or
// written down; lower case because that is easier to type on phones.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const CODE_LENGTH = 10; // shown as xxxx-xxxx-xx

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

/** Hex SHA-256 of the normalised code — the value stored in RecoveryCode.codeHash. */
export function hashRecoveryCode(input: string): string {
  // Hash invalid input too (of its raw form): callers may then look it up and
  // simply find nothing, instead of having to special-case it.
  const code = normalizeRecoveryCode(input) ?? `invalid:${input}`;
  return createHash('sha256').update(code, 'utf8').digest('hex');
}
