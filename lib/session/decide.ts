// The session rule as one pure function: given the stored row, which secret a
// request presented and what is known about the request, what happens. No
// I/O — the store (./store.ts) reads the row, asks here, and performs the
// verdict's writes and audit events. Every case, and why it is safe, is in
// docs/decisions/029-withheld-rotation.md and 035-stale-secrets-retry.md;
// decide.test.ts is its truth table.
import type { Session } from './store';
import { findExpiry, isRotationDue, resendAfterOnLagMs, touchThreshold, type SessionPolicy } from './policy';
import { secretMatchesHash } from './token';

/** The row's fields the rule reads. */
export type SessionState = Pick<
  Session,
  | 'revokedAt'
  | 'revokedReason'
  | 'createdAt'
  | 'lastSeenAt'
  | 'rotatedAt'
  | 'secretHash'
  | 'previousSecretHash'
  | 'secretConfirmedAt'
  | 'secretResentAt'
  | 'resendStreak'
  | 'staleCount'
  | 'rotationNonce'
>;

/** Which of the session's secrets the cookie carried; `other`: an authentic seal with a secret the session no longer has. */
export type PresentedSecret = 'current' | 'previous' | 'other';

export type RequestFacts = {
  /** The instance's clock: idle and absolute limits, touch. */
  now: Date;
  /**
   * The shared clock when the request arrived (./clock.ts). Grace and re-send
   * decisions need it; the store reads it only when `needsSharedClock` says so.
   */
  sharedAtArrival?: Date;
  /** This request carries a secret delivered by itself (middleware rotated or re-sent it): no proof the browser holds it. */
  delivered: boolean;
  /** Middleware found this cookie valid when the request arrived; a parallel rotation since does not make it a copy. */
  vouched: boolean;
  /** false for status polls and prefetches: reading is not activity. */
  touch: boolean;
  /** How slowly this server was answering when the request arrived (0 when unknown); delays a re-send, within a bound. */
  serverLagMs: number;
};

/** Two rotations in a row whose new secret had to be re-sent: a copy is winning rotations and withholding them. */
export const RESENDS_THAT_MEAN_THEFT = 2;

/**
 * Stale secrets one generation absorbs, each sent back to be retried, before
 * they mean a copy. An honest browser's stale requests were all sent before its
 * jar took the newer secret — at most its requests then in flight — and each
 * retry carries the newer one; a holder with nothing newer comes back with the
 * same. Below browsers' redirect limit (Safari: 16), so one navigation of a
 * stale holder ends it.
 */
export const STALE_RETRIES_THAT_MEAN_THEFT = 8;

export type StaleSignal =
  /** the previous secret, after the current one was first used and its grace ran out */
  | 'previous-after-grace'
  /** a secret from before the previous one (or from a branch the session never kept) */
  | 'older-secret';

export type TheftSignal =
  | StaleSignal
  /** the second rotation in a row that nobody but the rotating request received */
  | 'withheld-rotation';

export type Verdict =
  /** Valid. `confirmAt`: first use of the current secret (grace starts then); `rotate`: due now. */
  | { kind: 'accept'; touch: boolean; confirmAt?: Date; rotate: boolean }
  /** Valid; send the current secret again (the rotation's response never arrived). `streak`: rotations in a row that needed this. */
  | { kind: 'resend'; touch: boolean; streak: number; first: boolean }
  /** A stale secret: nothing served, nothing revoked — ask again with the browser's newest cookie. `count`: this generation's stale requests, this one included. */
  | { kind: 'retry'; signal: StaleSignal; count: number }
  | { kind: 'expire'; reason: 'idle' | 'absolute' }
  | { kind: 'revoked'; reason: string }
  /** A copy is in use: revoke, for both holders. */
  | { kind: 'theft'; signal: TheftSignal };

export function classifySecret(state: Pick<SessionState, 'secretHash' | 'previousSecretHash'>, secret: string): PresentedSecret {
  if (secretMatchesHash(secret, state.secretHash)) return 'current';
  if (secretMatchesHash(secret, state.previousSecretHash)) return 'previous';
  return 'other';
}

/** Only these cases compare against the shared clock; the hot path (a confirmed current secret) does not. */
export function needsSharedClock(state: Pick<SessionState, 'secretConfirmedAt'>, presented: PresentedSecret, facts: Pick<RequestFacts, 'delivered' | 'vouched'>): boolean {
  if (presented === 'current') return state.secretConfirmedAt === null && !facts.delivered;
  return presented === 'previous' && !facts.vouched;
}

export function decide(state: SessionState, presented: PresentedSecret, facts: RequestFacts, policy: SessionPolicy): Verdict {
  if (state.revokedAt) return { kind: 'revoked', reason: state.revokedReason ?? 'revoked' };
  const expiry = findExpiry(state, facts.now, policy);
  if (expiry) return { kind: 'expire', reason: expiry };
  const touch = facts.touch && state.lastSeenAt <= touchThreshold(facts.now, policy);

  if (presented === 'current') return decideCurrent(state, facts, policy, touch);
  if (facts.vouched) return { kind: 'accept', touch, rotate: false };
  if (presented === 'previous') return decidePrevious(state, sharedAtArrival(facts), facts.serverLagMs, policy, touch);
  return decideStale(state, 'older-secret');
}

/**
 * Rules 1 and 5: the current secret is valid. Its first use by a request that
 * did not deliver it confirms it. Rotate once the interval has passed — at
 * once after a re-sent secret, so a copy that withholds rotations must win
 * the very next race too — but never before the previous secret's grace is over.
 */
function decideCurrent(state: SessionState, facts: RequestFacts, policy: SessionPolicy, touch: boolean): Verdict {
  if (state.secretConfirmedAt === null) {
    return facts.delivered ? { kind: 'accept', touch, rotate: false } : { kind: 'accept', touch, rotate: false, confirmAt: sharedAtArrival(facts) };
  }
  const graceOver = facts.now.getTime() - state.secretConfirmedAt.getTime() >= policy.rotationGraceMs;
  const due = state.secretResentAt !== null || isRotationDue(state.rotatedAt, facts.now, policy);
  return { kind: 'accept', touch, rotate: due && graceOver };
}

/**
 * Rules 2, 3 and 6: the previous secret. While the current one was never used,
 * its response may still be on the way: valid — until it has been out longer
 * than any response takes, then it is re-sent (the same secret, never a
 * competing one). A re-send is counted: the second rotation in a row that
 * reached its holder only that way is a copy winning the rotations and keeping
 * them. Once the current secret was used, the previous lives for the grace.
 */
function decidePrevious(state: SessionState, shared: Date, serverLagMs: number, policy: SessionPolicy, touch: boolean): Verdict {
  if (state.secretConfirmedAt !== null) {
    const withinGrace = shared.getTime() - state.secretConfirmedAt.getTime() < policy.rotationGraceMs;
    return withinGrace ? { kind: 'accept', touch, rotate: false } : decideStale(state, 'previous-after-grace');
  }
  const outstandingMs = shared.getTime() - state.rotatedAt.getTime();
  if (outstandingMs < resendAfterOnLagMs(policy, serverLagMs) || state.rotationNonce === null) return { kind: 'accept', touch, rotate: false };
  if (state.secretResentAt !== null) return { kind: 'resend', touch, streak: state.resendStreak, first: false };
  const streak = state.resendStreak + 1;
  if (streak >= RESENDS_THAT_MEAN_THEFT) return { kind: 'theft', signal: 'withheld-rotation' };
  return { kind: 'resend', touch, streak, first: true };
}

/**
 * Rules 3 and 4: a secret the browser should have replaced. When the request
 * was sent is unknowable — it may have waited tens of seconds in a socket or a
 * connection pool before anything here could stamp it (ADR 035) — so one stale
 * request is no proof of a copy: it is sent back to be retried, and the
 * retry carries the browser's newest cookie. Only a generation that keeps
 * seeing stale secrets, retry after retry, has a holder with nothing newer.
 */
function decideStale(state: SessionState, signal: StaleSignal): Verdict {
  const count = state.staleCount + 1;
  return count >= STALE_RETRIES_THAT_MEAN_THEFT ? { kind: 'theft', signal } : { kind: 'retry', signal, count };
}

function sharedAtArrival(facts: RequestFacts): Date {
  if (!facts.sharedAtArrival) throw new Error('decide: this case needs the shared clock (see needsSharedClock)');
  return facts.sharedAtArrival;
}
