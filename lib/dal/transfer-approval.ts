import 'server-only';
// The pending payment a passkey's transfer challenge is derived from and bound
// to (lib/auth/passkeys/passkey-step-up.ts): this user's, from this session,
// still awaiting authorisation. The demo bank's; lib/banking owns the rules.
import { db } from '../db';
import { findBoundDetails } from './transfer-authorisations';

export function fetchBoundTransferDetails(where: { id: string; userId: string; sessionId: string }) {
  return findBoundDetails(db, where);
}
