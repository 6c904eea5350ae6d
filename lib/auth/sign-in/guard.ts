import 'server-only';
// The app's sign-in throttle, and what happens around it:
// audit events, revoking sessions for locks caused inside a session, the
// background purge (docs/decisions/010, 018 and 031). The instance and its
// queries are lib/dal/sign-in-throttle.ts's.
import type { AuditEventInput } from '../../dal/audit';
import { recordSecurityEvent } from '../../dal/security-events';
import { sessionStore, type RequestContext } from '../../session';
import { loginThrottle, purgeStaleThrottleRows, recordThrottleRefusals } from '../../dal/sign-in-throttle';
import { notifyUser } from '../notify';
import { maxCodeFailuresOf, type AttemptTicket, type ClientTrust, type LockInfo, type RefusalSummary } from '../throttle';

/** The one message for a refused attempt, whatever refused it (account lock, address limit) and whether the email exists. */
export const SIGN_IN_BLOCKED = 'Sign-in is temporarily blocked. Try again later.';

export { loginThrottle };

export type AttemptKind = 'password' | 'passkey' | 'mfa' | 'reauth' | 'password-change' | 'mfa-enable' | 'mfa-disable';

/**
 * Attempts made from inside a signed-in session. They count on the account's
 * in-session counter, which no outsider can touch (ADR 031), and a lock they
 * cause ends every session of the account: someone at this session guessed. A
 * lock from the sign-in page does not — anyone can type five wrong passwords
 * for any email, and that must not sign the owner out.
 */
const IN_SESSION_KINDS: ReadonlySet<AttemptKind> = new Set(['reauth', 'password-change', 'mfa-enable', 'mfa-disable']);

const PURGE_EVERY_MS = 10 * 60_000;
let lastPurgeAt = 0;

/** Purges stale throttle rows now and then, in the background (never fails a request). */
export function sweepStaleThrottles(now: Date = new Date()): void {
  if (now.getTime() - lastPurgeAt < PURGE_EVERY_MS) return;
  lastPurgeAt = now.getTime();
  purgeStaleThrottleRows(now).catch((error: unknown) => {
    console.error('[auth] purging stale throttle rows failed', error);
  });
}

export function audit(event: AuditEventInput): Promise<void> {
  return recordSecurityEvent(event);
}

/** An account was just locked (by this request): audit it; revoke sessions only for a lock caused inside one. */
export async function onAccountLocked(userId: string | null, attempt: AttemptKind, lock: LockInfo, context: RequestContext): Promise<void> {
  await audit({
    type: 'login.locked',
    userId,
    ...context,
    detail: { attempt, cycle: lock.cycle, until: lock.until?.toISOString() ?? null, needsUnlock: lock.until === null, refuses: lock.trust },
  });
  if (userId && IN_SESSION_KINDS.has(attempt)) await sessionStore.invalidateUserSessions(userId, 'account-locked', { context });
  // Only scheduled here (the mail and its queries run after the response): a lock answers alike for every email (ADR 047).
  if (userId) notifyUser(userId, { kind: 'account-locked', until: lock.until });
}

async function summarise(summaries: readonly RefusalSummary[]): Promise<void> {
  if (summaries.length > 0) await recordThrottleRefusals(summaries);
}

/** An attempt that got past the throttle: its ticket, and who/what for the audit trail. */
export type GuardedAttempt = { ticket: AttemptTicket; userId: string | null; kind: AttemptKind; context: RequestContext };

const failureEvent: Record<AttemptKind, AuditEventInput['type']> = {
  password: 'login.failure',
  passkey: 'login.failure',
  mfa: 'mfa.failure',
  reauth: 'reauth.failure',
  'password-change': 'password.change_failure',
  'mfa-enable': 'mfa.failure',
  'mfa-disable': 'mfa.failure',
};

/**
 * Takes a throttle slot for an attempt, before any password or code work.
 * Undefined when refused (locked account, address over its limit, no client
 * address): the caller answers SIGN_IN_BLOCKED at once. Refusals are counted on
 * the throttle row and audited as one summary per lock or window, not one each.
 * knownDevice: this browser holds the account's valid device proof (ADR 031);
 * attempts from inside a session count as in-session whatever the browser holds.
 */
export async function startAttempt(
  account: { email: string; userId: string | null; knownDevice?: boolean },
  kind: AttemptKind,
  context: RequestContext,
): Promise<GuardedAttempt | undefined> {
  sweepStaleThrottles();
  const { userId } = account;
  const trust: ClientTrust = IN_SESSION_KINDS.has(kind) ? 'in-session' : account.knownDevice ? 'known-device' : 'unfamiliar';
  const result = await loginThrottle.beginAttempt(account.email, context.ipAddress, new Date(), trust);
  await summarise(result.summaries);
  if (result.ok) return { ticket: result.ticket, userId, kind, context };
  if (result.reason === 'no-client-address') {
    console.error(
      `[auth] ${kind} attempt refused: the request has no client address (with TRUST_PROXY=true, was it sent past the proxy?). ` +
        'Refused rather than let through without a per-address limit.',
    );
  }
  if (result.reason === 'account-locked' && result.lockedNow) await onAccountLocked(userId, kind, result.lockedNow, context);
  return undefined;
}

export type FailAttemptResult = {
  locked: boolean;
  /** For a wrong second-factor code: how many more the account takes before it needs an out-of-band unlock. */
  codeFailuresLeft?: number;
};

/**
 * Records a failed attempt: audit event, and the lock if this reached a limit.
 * secondFactor: a wrong code after a right password, which also counts toward
 * the cap across lock cycles.
 */
export async function failAttempt(
  attempt: GuardedAttempt,
  detail: Record<string, string | number | boolean | null> = {},
  options: { secondFactor?: boolean } = {},
): Promise<FailAttemptResult> {
  const { userId, kind, context } = attempt;
  const code = options.secondFactor ? await loginThrottle.recordCodeFailure(attempt.ticket) : undefined;
  const { locked, lockedNow } = await loginThrottle.lockIfLimitReached(attempt.ticket);
  await audit({ type: failureEvent[kind], userId, ...context, detail: { attempt: kind, ...detail } });
  if (code?.lockedNow) {
    await audit({ type: 'mfa.guess_limit', userId, ...context, detail: { attempt: kind, codeFailures: maxCodeFailuresOf(loginThrottle.config) } });
    await onAccountLocked(userId, kind, code.lockedNow, context);
  } else if (lockedNow) {
    await onAccountLocked(userId, kind, lockedNow, context);
  }
  return { locked: locked || code?.codeFailuresLeft === 0, codeFailuresLeft: code?.codeFailuresLeft };
}

/** A factor was verified: give the attempt's slots back (earlier failures stay). False when locked meanwhile. */
export function succeedAttempt(attempt: GuardedAttempt, options: { secondFactorVerified?: boolean } = {}): Promise<boolean> {
  return loginThrottle.releaseAttempt(attempt.ticket, new Date(), options);
}

/**
 * One slot of the per-address limit, for a request anyone can make about any
 * email (reset link, sign-up, invitation): the same statements whatever the
 * email, and nothing counted against an account. False: this address asked too often.
 */
export async function takeAddressSlot(context: { ipAddress: string | null }, now: Date): Promise<boolean> {
  const slot = await loginThrottle.takeAddressSlot(context.ipAddress, now);
  await summarise(slot.summaries);
  return slot.ok;
}
