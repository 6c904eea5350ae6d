// next-auth's secret, derived from SESSION_SECRETS instead of being one more
// secret to generate, store and rotate. Each SESSION_SECRETS entry yields its own
// key through HKDF-SHA256 with an info string of its own, so the key next-auth
// encrypts its (short-lived) flow cookies with never equals an iron-session
// password or a field-encryption key. The sealing key first (lib/config/sealing-key.ts),
// then the rest newest first: next-auth encrypts with the first and still
// decrypts with the others, so adding a secret to SESSION_SECRETS does not break
// a sign-in that is under way, on this instance or another.
// docs/decisions/012-sso-with-next-auth.md
import { hkdfSync } from 'node:crypto';
import { CRYPTO_LABELS } from '../../config/crypto-labels.ts';
import { allKeys, currentSealingKeyId, type Keys } from '../../config/sealing-key.ts';

const HKDF_INFO = CRYPTO_LABELS.nextAuthSecret;

export function deriveNextAuthSecrets(keys: Keys): string[] {
  const sealing = currentSealingKeyId(keys);
  const rank = (id: string) => (id === sealing ? Number.POSITIVE_INFINITY : Number(id));
  return Object.entries(allKeys(keys))
    .sort(([a], [b]) => rank(b) - rank(a))
    .map(([, secret]) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), HKDF_INFO, 32)).toString('base64url'));
}
