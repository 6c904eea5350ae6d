// What to tell a user whose session is over, from the store's check. Shared
// by the gate and the current-session entry so both send people to the same
// /login?reason=….
import type { SessionCheck } from './store';

export type SignedOutReason = 'none' | 'idle' | 'expired' | 'revoked';

export function signedOutReason(check: Exclude<SessionCheck, { kind: 'accept' | 'resend' | 'retry' }>): SignedOutReason {
  switch (check.kind) {
    case 'expire':
      return check.reason === 'idle' ? 'idle' : 'expired';
    case 'revoked':
      // An expiry seen by an earlier request (a status poll, a parallel tab) keeps its meaning.
      if (check.reason === 'idle') return 'idle';
      if (check.reason === 'absolute') return 'expired';
      return 'revoked';
    case 'theft':
      return 'revoked';
    case 'unknown':
      return 'none';
  }
}
