// What to tell a user whose session is over, from a validation result. Shared
// by middleware and the DAL so both send people to the same /login?reason=….
import type { SessionValidationResult } from './engine';

export type SignedOutReason = 'none' | 'idle' | 'expired' | 'revoked';

export function signedOutReason(result: Exclude<SessionValidationResult, { status: 'valid' | 'rotate' | 'resend' | 'retry' }>): SignedOutReason {
  switch (result.status) {
    case 'expired-idle':
      return 'idle';
    case 'expired-absolute':
      return 'expired';
    case 'revoked':
      // An expiry seen by an earlier request (a status poll, a parallel tab) keeps its meaning.
      if (result.reason === 'idle') return 'idle';
      if (result.reason === 'absolute') return 'expired';
      return 'revoked';
    case 'reuse-detected':
      return 'revoked';
    case 'invalid':
      return 'none';
  }
}
