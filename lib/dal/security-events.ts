import 'server-only';
// Security events that authentication records on their own — a failed or
// refused attempt, a lock, the code step reached — rather than as part of a
// write of its own (those record theirs in the same DAL function, see
// passkeys.ts, mfa.ts, linked-identities.ts). The writer is lib/audit.ts.
import { db } from '../db';
import { recordAuditEvent, type AuditEventInput } from './audit';

export function recordSecurityEvent(event: AuditEventInput): Promise<void> {
  return recordAuditEvent(db, event);
}
