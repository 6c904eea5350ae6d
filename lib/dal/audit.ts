// Append-only security events. Written by the session store, authentication
// and the security centre; never updated, never deleted by the app — nor by
// deleting a user: userId is a plain column, no relation (ADR 021). Details are
// small JSON objects and never hold secrets, tokens or passwords.
import type { Db } from '../db/client';

export const auditEventTypes = [
  'login.success',
  'login.pending_mfa',
  'login.failure',
  'login.locked',
  // one per lock or address window, with the number of attempts refused (ADR 018)
  'login.refused',
  'account.unlocked',
  'account.disabled',
  'account.enabled',
  // ADR 046: the owner deleted the account (the row stays as a tombstone, these events keep its id)
  'account.deleted',
  // ADR 046: a confirmation link was mailed to a new address (never says whether it was taken); the address changed
  'email.change_requested',
  'email.changed',
  'logout',
  'session.created',
  'session.rotated',
  'session.secret_resent',
  'session.reissued', // before ADR 029: still read in stored events
  'session.expired',
  'session.revoked',
  'session.reuse_detected',
  'mfa.setup_started',
  'mfa.setup_cancelled',
  'mfa.enabled',
  'mfa.disabled',
  'mfa.failure',
  'mfa.recovery_code_used',
  'mfa.guess_limit',
  'password.changed',
  'password.change_failure',
  // ADR 040: a reset link was mailed (or withheld: too many asked for); the password was reset by one
  'password.reset_requested',
  'password.reset',
  // ADR 045: an account created at /sign-up (unverified) or by accepting an invitation; the address proven
  'signup.created',
  // someone tried to sign up with an address that has an account (its owner is told by mail)
  'signup.existing_address',
  'email.verification_sent',
  'email.verified',
  // on the inviter's log (and the operator's, userId null); the invitee's when accepted
  'invitation.sent',
  'invitation.accepted',
  'reauth.success',
  'reauth.failure',
  'transfer.created',
  'transfer.rejected',
  'transfer.authorisation_requested',
  'transfer.authorised',
  'payee.added',
  'payee.removed',
  'payee.change_rejected',
  'sso.linked',
  'sso.link_requested',
  'sso.unlinked',
  'passkey.added',
  'passkey.renamed',
  'passkey.removed',
  // a passkey assertion with a valid signature whose counter did not increase (a cloned key): refused
  'passkey.clone_detected',
] as const;

export type AuditEventType = (typeof auditEventTypes)[number];

export type AuditEventInput = {
  type: AuditEventType;
  userId?: string | null;
  sessionId?: string | null;
  ipAddress?: string | null;
  userAgent?: string | null;
  detail?: Record<string, string | number | boolean | null>;
};

/** `db` may be a transaction client: an event then commits (or not) with the change it records. */
export async function recordAuditEvent(db: Pick<Db, 'auditEvent'>, event: AuditEventInput): Promise<void> {
  await db.auditEvent.create({
    data: {
      type: event.type,
      userId: event.userId ?? null,
      sessionId: event.sessionId ?? null,
      ipAddress: event.ipAddress ?? null,
      userAgent: event.userAgent?.slice(0, 512) ?? null,
      detail: event.detail ? JSON.stringify(event.detail) : null,
    },
  });
}
