// Secrets for tests that feed SESSION_SECRETS through validation: deterministic
// per label, and random-looking enough to pass its entropy check (which refuses
// the 'a'.repeat(32) kind).
import { createHash } from 'node:crypto';

/** 43 base64url characters derived from `label`. */
export function testSecret(label: string): string {
  return createHash('sha256').update(`strongroom test secret ${label}`).digest('base64url');
}
