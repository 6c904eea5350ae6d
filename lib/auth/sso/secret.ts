// next-auth's secret, derived from SESSION_SECRETS instead of being one more
// secret to generate, store and rotate. Each SESSION_SECRETS entry yields its own
// key through HKDF-SHA256 with an info string of its own, so the key next-auth
// encrypts its (short-lived) flow cookies with never equals an iron-session
// password or a field-encryption key. Newest id first: next-auth encrypts with
// the first and still decrypts with the others, so adding a secret to
// SESSION_SECRETS does not break a sign-in that is under way.
// docs/decisions/012-sso-with-next-auth.md
import { hkdfSync } from 'node:crypto';
import type { PasswordMap } from '../../config/secrets.ts';

const HKDF_INFO = 'strongroom next-auth secret v1';

export function deriveNextAuthSecrets(passwords: PasswordMap): string[] {
  return Object.entries(passwords)
    .sort(([a], [b]) => Number(b) - Number(a))
    .map(([, secret]) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), HKDF_INFO, 32)).toString('base64url'));
}
