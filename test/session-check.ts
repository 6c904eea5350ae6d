// A store check as one word, for tests that walk a session through many
// requests: the verdict's kind, with `rotate` when an accepted secret is due
// and the expiry's reason spelled out.
import type { SessionCheck } from '@/lib/session/store';

export type CheckLabel = 'accept' | 'rotate' | 'resend' | 'retry' | 'expire-idle' | 'expire-absolute' | 'revoked' | 'theft' | 'unknown';

export function checkLabel(check: SessionCheck): CheckLabel {
  if (check.kind === 'accept') return check.rotate ? 'rotate' : 'accept';
  if (check.kind === 'expire') return `expire-${check.reason}`;
  return check.kind;
}
