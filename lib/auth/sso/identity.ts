// The identity an OpenID Connect sign-in proved, taken from the ID token claims
// that next-auth has already validated (signature, issuer, audience, expiry,
// nonce). Only what linking needs is kept; anything malformed is refused.
import { normalizeEmail } from '../input/index.ts';

export type SsoIdentity = {
  /** `iss`: the provider. Together with `subject` the stable key of an external identity. */
  issuer: string;
  /** `sub`: the provider's never-reassigned id for the person. */
  subject: string;
  /** `email`, normalised (trimmed, lower case), or null when absent or unusable. */
  email: string | null;
  /** `email_verified`: the provider vouches that the person controls `email`. */
  emailVerified: boolean;
  /** `name`: the provider-side display name, shown so the owner can recognise the identity; null when absent. */
  name: string | null;
};

export type SsoIdentityParse = { ok: true; identity: SsoIdentity } | { ok: false; problem: string };

const MAX_SUBJECT_LENGTH = 255; // OpenID Connect Core 1.0 §2: "MUST NOT exceed 255 ASCII characters"
const MAX_EMAIL_LENGTH = 254;
const MAX_NAME_LENGTH = 100;

/** A display name fit to show: control characters dropped, whitespace collapsed, bounded. */
function displayNameFrom(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const cleaned = value.replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH);
  return cleaned.length > 0 ? cleaned : null;
}

export function identityFromClaims(claims: Record<string, unknown>, expectedIssuer: string): SsoIdentityParse {
  const { iss, sub, email, email_verified: emailVerified, name } = claims;
  if (iss !== expectedIssuer) return { ok: false, problem: 'issuer does not match the configured one' };
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_SUBJECT_LENGTH) {
    return { ok: false, problem: 'subject missing or malformed' };
  }
  let normalized: string | null = null;
  if (typeof email === 'string') {
    const candidate = normalizeEmail(email);
    if (candidate.length <= MAX_EMAIL_LENGTH && /^[^\s@]+@[^\s@]+$/.test(candidate)) normalized = candidate;
  }
  return {
    ok: true,
    identity: {
      issuer: iss,
      subject: sub,
      email: normalized,
      // Boolean per the spec; a few providers send the string "true".
      emailVerified: normalized !== null && (emailVerified === true || emailVerified === 'true'),
      name: displayNameFrom(name),
    },
  };
}
