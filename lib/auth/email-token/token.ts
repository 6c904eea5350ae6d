// A mailed link's token: "<id>.<secret>", 128-bit id and 256-bit secret
// (base64url), the same primitives as session tokens. Only SHA-256(secret)
// is stored and compared in constant time; the id only finds the row.
import { generateSessionId, generateSessionSecret, hashSessionSecret, secretMatchesHash } from '../../session/token';

export type EmailTokenParts = { id: string; secret: string };

export function newEmailToken(): EmailTokenParts & { value: string; secretHash: string } {
  const id = generateSessionId();
  const secret = generateSessionSecret();
  return { id, secret, value: `${id}.${secret}`, secretHash: hashSessionSecret(secret) };
}

/** The token from a link or cookie, if it has the shape we issue (anything else is refused unread). */
export function parseEmailToken(value: string | undefined | null): EmailTokenParts | undefined {
  const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
  return match ? { id: match[1]!, secret: match[2]! } : undefined;
}

export function emailTokenSecretMatches(secret: string, storedHash: string): boolean {
  return secretMatchesHash(secret, storedHash);
}
