// Session tokens: a public id and a 256-bit secret. Only SHA-256(secret) is
// stored, so a copy of the database yields no usable cookie; the comparison is
// constant-time so response timing leaks nothing about the stored hash.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type SessionToken = { id: string; secret: string };

export function generateSessionId(): string {
  return randomBytes(16).toString('base64url'); // 128 bits: unguessable, but not the credential
}

export function generateSessionSecret(): string {
  return randomBytes(32).toString('base64url'); // 256 bits
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
