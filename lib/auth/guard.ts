import 'server-only';
// The app's instance of the sign-in throttle, and what happens around it:
// audit events, revoking sessions when an account locks, an occasional purge.
import { db } from '../db';
import { env } from '../env';
import { recordAuditEvent, type AuditEventInput } from '../audit';
import { sessionEngine, type RequestContext } from '../session';
import {
  createLoginThrottle,
  throttleConfigFromEnv,
  type AttemptTicket,
  type BeginAttemptResult,
} from './throttle';

/** The one message for a refused attempt, whatever refused it (account lock, IP limit) and whether the email exists. */
export const SIGN_IN_BLOCKED = 'Sign-in is temporarily blocked. Try again later.';

export const loginThrottle = createLoginThrottle(db, throttleConfigFromEnv(env));

export type AttemptKind = 'password' | 'mfa' | 'reauth' | 'password-change' | 'mfa-disable';

const PURGE_EVERY_MS = 10 * 60_000;
let lastPurgeAt = 0;

/** Deletes stale throttle rows now and then, in the background (never fails a request). */
export function sweepStaleThrottles(now: Date = new Date()): void {
  if (now.getTime() - lastPurgeAt < PURGE_EVERY_MS) return;
  lastPurgeAt = now.getTime();
  loginThrottle.purgeStale(now).catch((error: unknown) => {
    console.error('[auth] purging stale throttle rows failed', error);
  });
}

/**
 * An account was just locked (by this request). Audits it and, for a real user,
 * revokes every session: whoever guessed may already hold one, and the lock
 * says "this account is under attack" (docs/decisions/010-login-throttling-and-lockout.md).
 */
export async function onAccountLocked(userId: string | null, attempt: AttemptKind, context: RequestContext): Promise<void> {
  await audit({ type: 'login.locked', userId, ...context, detail: { attempt } });
  if (userId) await sessionEngine.invalidateUserSessions(userId, 'account-locked', { context });
}

/** Audits a refused attempt and handles a lock it caused. */
export async function onAttemptRefused(
  result: Extract<BeginAttemptResult, { ok: false }>,
  userId: string | null,
  attempt: AttemptKind,
  context: RequestContext,
): Promise<void> {
  await audit({ type: 'login.throttled', userId, ...context, detail: { attempt, reason: result.reason } });
  if (result.reason === 'account-locked' && result.lockedNow) await onAccountLocked(userId, attempt, context);
}

export function audit(event: AuditEventInput): Promise<void> {
  return recordAuditEvent(db, event);
}

/** An attempt that got past the throttle: its ticket, and who/what for the audit trail. */
export type GuardedAttempt = { ticket: AttemptTicket; userId: string | null; kind: AttemptKind; context: RequestContext };

const failureEvent: Record<AttemptKind, AuditEventInput['type']> = {
  password: 'login.failure',
  mfa: 'mfa.failure',
  reauth: 'reauth.failure',
  'password-change': 'password.change_failure',
  'mfa-disable': 'mfa.failure',
};

/**
 * Takes a throttle slot for an attempt, before any password or code work.
 * Undefined when refused (locked account, IP over its limit): already audited,
 * and the caller answers SIGN_IN_BLOCKED at once.
 */
export async function startAttempt(
  account: { email: string; userId: string | null },
  kind: AttemptKind,
  context: RequestContext,
): Promise<GuardedAttempt | undefined> {
  sweepStaleThrottles();
  const { userId } = account;
  const result = await loginThrottle.beginAttempt(account.email, context.ipAddress);
  if (!result.ok) {
    await onAttemptRefused(result, userId, kind, context);
    return undefined;
  }
  return { ticket: result.ticket, userId, kind, context };
}

/** Records a failed attempt: audit event, and the lock if this was the last allowed failure. */
export async function failAttempt(
  attempt: GuardedAttempt,
  detail: Record<string, string | number | boolean | null> = {},
): Promise<{ locked: boolean }> {
  const { locked, lockedNow } = await loginThrottle.recordFailure(attempt.ticket);
  await audit({
    type: failureEvent[attempt.kind],
    userId: attempt.userId,
    ...attempt.context,
    detail: { attempt: attempt.kind, ...detail },
  });
  if (lockedNow) await onAccountLocked(attempt.userId, attempt.kind, attempt.context);
  return { locked };
}
