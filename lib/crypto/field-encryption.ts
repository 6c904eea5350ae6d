// Encryption of individual database fields (TOTP secrets) with AES-256-GCM.
// Framework-free: the seed script uses it too.
//
// Keys come from SESSION_SECRETS, the same id → secret map iron-session uses, so
// there is one secret to manage and one rotation story: each id's secret yields
// its own field key via HKDF-SHA256 (a distinct `info`, so a field key never
// equals anything iron-session derives). New values are encrypted under the
// sealing key (lib/config/sealing-key.ts: the highest id, except while a new key
// is being rolled out); a value names the id it was encrypted with, so older
// values keep decrypting while their secret stays in the map.
//
// Stored format: v1.<keyId>.<iv>.<ciphertext>.<tag>, each part base64url.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { CRYPTO_LABELS, FIELD_ENCRYPTION_FORMAT } from '../config/crypto-labels.ts';
import { allKeys, currentSealingKeyId, isOlderThanSealingKey, type Keys } from '../config/sealing-key.ts';

const VERSION = FIELD_ENCRYPTION_FORMAT;
const HKDF_INFO = CRYPTO_LABELS.fieldEncryption;
const IV_BYTES = 12; // 96-bit nonce, the size GCM is designed for (NIST SP 800-38D)
const TAG_BYTES = 16;

export type FieldDecryption =
  // needsReencryption: encrypted under a key older than the sealing key; store encryptField(plaintext) to migrate it.
  | { ok: true; plaintext: string; keyId: string; needsReencryption: boolean }
  | { ok: false; reason: 'malformed' } // not a value this module wrote
  | { ok: false; reason: 'unknown-key'; keyId: string } // its secret was removed from SESSION_SECRETS
  | { ok: false; reason: 'tampered' }; // authentication failed: altered, or a different secret under that id

/** The id new values are encrypted with: the sealing key (a bare map: its highest id). */
export function currentKeyId(keys: Keys): string {
  return currentSealingKeyId(keys);
}

function deriveKey(secret: string): Buffer {
  // Secrets are validated to be long random strings, so no salt is needed for extraction.
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), HKDF_INFO, 32));
}

export function encryptField(plaintext: string, keys: Keys): string {
  const keyId = currentKeyId(keys);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(allKeys(keys)[keyId]!), iv);
  // The header is authenticated too, so a value cannot be relabelled to another key id or version.
  cipher.setAAD(Buffer.from(`${VERSION}.${keyId}`));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, keyId, iv.toString('base64url'), ciphertext.toString('base64url'), tag.toString('base64url')].join('.');
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function decryptField(stored: string, keys: Keys): FieldDecryption {
  const parts = stored.split('.');
  if (parts.length !== 5) return { ok: false, reason: 'malformed' };
  const [version, keyId, ivText, ciphertextText, tagText] = parts as [string, string, string, string, string];
  // Buffer.from(…, 'base64url') silently skips bad characters, so check them first.
  if (version !== VERSION || !/^\d+$/.test(keyId) || ![ivText, ciphertextText, tagText].every((p) => BASE64URL.test(p))) {
    return { ok: false, reason: 'malformed' };
  }
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return { ok: false, reason: 'malformed' };

  const secret = allKeys(keys)[keyId];
  if (secret === undefined) return { ok: false, reason: 'unknown-key', keyId };

  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret), iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(`${version}.${keyId}`));
    decipher.setAuthTag(tag);
    const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertextText, 'base64url')), decipher.final()]);
    return { ok: true, plaintext: plaintext.toString('utf8'), keyId, needsReencryption: isOlderThanSealingKey(keyId, keys) };
  } catch {
    // final() throws "Unsupported state or unable to authenticate data" on any tag mismatch.
    return { ok: false, reason: 'tampered' };
  }
}
