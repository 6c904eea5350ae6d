// Session tokens: a public id and a 256-bit secret. Only SHA-256(secret) is
// stored, so a copy of the database yields no usable cookie; the comparison is
// constant-time so response timing leaks nothing about the stored hash.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CRYPTO_LABELS } from '../config/crypto-labels';

/** `generation` counts rotations since sign-in; cookies sealed before it existed lack it. */
export type SessionToken = { id: string; secret: string; generation?: number };

export function generateSessionId(): string {
  return randomBytes(16).toString('base64url'); // 128 bits: unguessable, but not the credential
}

export function generateSessionSecret(): string {
  return randomBytes(32).toString('base64url'); // 256 bits
}

/** Fresh random input for one rotation; stored on the row, useless without the previous secret. */
export function generateRotationNonce(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The secret a rotation moves to: HMAC-SHA-256 keyed by the secret it replaces,
 * over a random nonce. Unpredictable to anyone lacking either input (the
 * database has only the nonce and hashes; a copied cookie is sealed), and
 * reproducible by the server when the previous secret is presented again — so
 * a lost rotation response is answered by re-sending the same secret instead
 * of minting a competing one (docs/decisions/016-rotation-rule.md).
 */
export function deriveRotatedSecret(previousSecret: string, nonce: string): string {
  return createHmac('sha256', previousSecret).update(`${CRYPTO_LABELS.sessionRotation}${nonce}`).digest('base64url');
}

export function hashSessionSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time check of a presented secret against a stored hash. */
export function secretMatchesHash(secret: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  const presented = Buffer.from(hashSessionSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
