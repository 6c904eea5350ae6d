// The truth table of the session rule (docs/decisions/029-withheld-rotation.md,
// 035-stale-secrets-retry.md):
// every case the ADR names, at the default policy (rotation 5 min, grace 30 s,
// re-send after 135 s). Pure: no database, no clock.
import { describe, expect, it } from 'vitest';
import { testSessionPolicy as policy } from '@/test/session-policy';
import { classifySecret, decide, needsSharedClock, STALE_RETRIES_THAT_MEAN_THEFT, type PresentedSecret, type RequestFacts, type SessionState, type Verdict } from './decide';
import { resendAfterMs, resendAfterOnLagMs } from './policy';
import { hashSessionSecret } from './token';

const t0 = new Date('2026-01-01T09:00:00Z').getTime();
const at = (ms: number) => new Date(t0 + ms);
const I = policy.rotationIntervalMs;
const G = policy.rotationGraceMs;
const D = resendAfterMs(policy);

/** A session rotated at t0 (its current secret is the rotation's), created two intervals before. */
function state(overrides: Partial<SessionState> = {}): SessionState {
  return {
    revokedAt: null,
    revokedReason: null,
    createdAt: at(-2 * I),
    lastSeenAt: at(0),
    rotatedAt: at(0),
    secretHash: hashSessionSecret('current'),
    previousSecretHash: hashSessionSecret('previous'),
    secretConfirmedAt: null,
    secretResentAt: null,
    resendStreak: 0,
    staleCount: 0,
    rotationNonce: 'nonce',
    ...overrides,
  };
}

const confirmed = (ms: number) => ({ secretConfirmedAt: at(ms) });
const resent = (ms: number, streak = 1) => ({ secretResentAt: at(ms), resendStreak: streak });
/** This generation has already sent back `n` stale requests. */
const stale = (n: number) => ({ staleCount: n });
const LIMIT = STALE_RETRIES_THAT_MEAN_THEFT;

/** A request arriving at `ms` (no queueing: its arrival is now on the shared clock too). */
function facts(ms: number, more: Partial<RequestFacts> = {}): RequestFacts {
  return { now: at(ms), sharedAtArrival: at(ms), delivered: false, vouched: false, touch: true, serverLagMs: 0, ...more };
}

type Row = [name: string, state: SessionState, presented: PresentedSecret, facts: RequestFacts, expected: Partial<Verdict>];

const table: Row[] = [
  // Before anything else: revoked, expired.
  ['revoked session: whatever the secret', state({ revokedAt: at(0), revokedReason: 'logout' }), 'current', facts(1), { kind: 'revoked', reason: 'logout' }],
  ['idle past the limit', state({ lastSeenAt: at(-policy.idleTimeoutMs) }), 'current', facts(0), { kind: 'expire', reason: 'idle' }],
  ['absolute limit, even if active', state({ createdAt: at(-policy.absoluteTimeoutMs) }), 'current', facts(0), { kind: 'expire', reason: 'absolute' }],

  // Rule 1: the current secret.
  ['current, unconfirmed: this use confirms it (as of arrival)', state(), 'current', facts(5_000), { kind: 'accept', confirmAt: at(5_000), rotate: false }],
  ['current, confirmed, interval not over: valid', state(confirmed(1_000)), 'current', facts(I - 1), { kind: 'accept', rotate: false }],
  // Rule 5: rotation.
  ['current, confirmed, interval over, grace over: rotate', state(confirmed(1_000)), 'current', facts(I), { kind: 'accept', rotate: true }],
  ['current, confirmed late, interval over, grace not over: not yet (never three live secrets)', state(confirmed(I - 1_000)), 'current', facts(I), { kind: 'accept', rotate: false }],
  ['current re-sent, confirmed, grace over: rotate at once (probation)', state({ ...confirmed(D + 1_000), ...resent(D) }), 'current', facts(D + 1_000 + G), { kind: 'accept', rotate: true }],
  ['current re-sent, confirmed, grace not over: not yet', state({ ...confirmed(D + 1_000), ...resent(D) }), 'current', facts(D + G), { kind: 'accept', rotate: false }],

  // Rule 2: previous, current unconfirmed — a response on its way.
  ['previous, current unconfirmed, just rotated: valid', state(), 'previous', facts(1_000), { kind: 'accept', rotate: false }],
  ['previous, current unconfirmed, long past the grace but before the re-send time: valid', state(), 'previous', facts(D - 1), { kind: 'accept', rotate: false }],
  // Rule 6: re-send, counted.
  ['previous, current unconfirmed past the re-send time: re-send, first of its streak', state(), 'previous', facts(D), { kind: 'resend', streak: 1, first: true }],
  ['previous, current unconfirmed, already re-sent this rotation: the same re-send, not counted again', state(resent(D)), 'previous', facts(D + 5_000), { kind: 'resend', streak: 1, first: false }],
  ['previous, the rotation before was re-sent too: a withheld rotation — theft', state({ resendStreak: 1 }), 'previous', facts(D), { kind: 'theft', signal: 'withheld-rotation' }],
  ['previous, re-send history but this rotation before its re-send time: valid', state({ resendStreak: 1 }), 'previous', facts(D - 1), { kind: 'accept' }],
  ['previous, current unconfirmed past the re-send time, but the server answers slower than that: valid (a response still on its way is not lost)', state({ resendStreak: 1 }), 'previous', facts(D + 5_000, { serverLagMs: 6_000 }), { kind: 'accept' }],
  ['previous, current unconfirmed past the re-send time plus the server\'s lag: re-sent (a withheld rotation, the second)', state({ resendStreak: 1 }), 'previous', facts(D + 6_000, { serverLagMs: 6_000 }), { kind: 'theft', signal: 'withheld-rotation' }],
  ['previous, current unconfirmed, a server lagging more than one re-send wait: the lag counts only up to that', state(), 'previous', facts(2 * D, { serverLagMs: 10 * D }), { kind: 'resend', streak: 1, first: true }],
  ['previous, no nonce (a session rotated before chains existed): valid, never re-sent', state({ rotationNonce: null }), 'previous', facts(I), { kind: 'accept' }],

  // Rule 3: previous, current confirmed — the grace from first use; after it, stale (ADR 035).
  ['previous, current confirmed, inside the grace: valid', state(confirmed(10_000)), 'previous', facts(10_000 + G - 1), { kind: 'accept' }],
  ['previous, current confirmed, grace over: sent back to retry, the first of its generation', state(confirmed(10_000)), 'previous', facts(10_000 + G), { kind: 'retry', signal: 'previous-after-grace', count: 1 }],
  ['previous, grace over, the generation has sent back fewer than the limit: retry again', state({ ...confirmed(10_000), ...stale(LIMIT - 2) }), 'previous', facts(10_000 + G), { kind: 'retry', count: LIMIT - 1 }],
  ['previous, grace over, the limit reached (a holder with nothing newer): theft', state({ ...confirmed(10_000), ...stale(LIMIT - 1) }), 'previous', facts(10_000 + G), { kind: 'theft', signal: 'previous-after-grace' }],
  ['previous, grace over by the clock, but it arrived inside the grace (queued): valid', state(confirmed(10_000)), 'previous', facts(10_000 + G + 5_000, { sharedAtArrival: at(10_000 + G - 1) }), { kind: 'accept' }],
  ['previous, inside the grace, even after stale retries: valid', state({ ...confirmed(10_000), ...stale(LIMIT - 1) }), 'previous', facts(10_000 + G - 1), { kind: 'accept' }],

  // Rule 4: any other authentic secret — stale too.
  ['other secret: sent back to retry', state(confirmed(1_000)), 'other', facts(2_000), { kind: 'retry', signal: 'older-secret', count: 1 }],
  ['other secret, the limit reached: theft', state({ ...confirmed(1_000), ...stale(LIMIT - 1) }), 'other', facts(2_000), { kind: 'theft', signal: 'older-secret' }],
  ['other secret while the current is unconfirmed: stale all the same', state(), 'other', facts(2_000), { kind: 'retry', signal: 'older-secret' }],
  ['current secret, whatever the stale count: valid (the count is not about this holder)', state({ ...confirmed(1_000), ...stale(LIMIT - 1) }), 'current', facts(2_000), { kind: 'accept' }],
  ['other secret, but vouched for on arrival (rotated twice during the request): valid', state(confirmed(1_000)), 'other', facts(2_000, { vouched: true }), { kind: 'accept', rotate: false }],
  ['previous, vouched: valid even past the grace', state(confirmed(1_000)), 'previous', facts(1_000 + 2 * G, { vouched: true }), { kind: 'accept' }],

  // Touch: at most once per touch interval, never for polls.
  ['touch due', state({ ...confirmed(0), lastSeenAt: at(-policy.touchIntervalMs) }), 'current', facts(0), { kind: 'accept', touch: true }],
  ['touch not due', state({ ...confirmed(0), lastSeenAt: at(-policy.touchIntervalMs + 1) }), 'current', facts(0), { kind: 'accept', touch: false }],
  ['status poll: never a touch', state({ ...confirmed(0), lastSeenAt: at(-policy.touchIntervalMs) }), 'current', facts(0, { touch: false }), { kind: 'accept', touch: false }],
];

describe('decide: the truth table of ADR 029', () => {
  it.each(table)('%s', (_name, row, presented, requestFacts, expected) => {
    expect(decide(row, presented, requestFacts, policy)).toMatchObject(expected);
  });

  it('current, unconfirmed, delivered by this very request: valid, but it proves nothing about the browser (no confirmation)', () => {
    const verdict = decide(state(), 'current', facts(5_000, { delivered: true, sharedAtArrival: undefined }), policy);
    expect(verdict).toEqual({ kind: 'accept', touch: false, rotate: false });
  });

  it('re-sends only after three graces at least, and never later than the interval', () => {
    expect(D).toBe(135_000); // (5 min − 30 s) / 2
    expect(resendAfterMs({ rotationIntervalMs: 10_000, rotationGraceMs: 3_000 })).toBe(9_000); // the e2e and load policy: 3 graces
    expect(resendAfterMs({ rotationIntervalMs: 10_000, rotationGraceMs: 4_000 })).toBe(10_000); // capped at the interval
    expect(resendAfterOnLagMs({ rotationIntervalMs: 10_000, rotationGraceMs: 3_000 }, 4_000)).toBe(13_000); // a slow server's lag is added…
    expect(resendAfterOnLagMs({ rotationIntervalMs: 10_000, rotationGraceMs: 3_000 }, 60_000)).toBe(18_000); // …up to one more wait
    expect(resendAfterOnLagMs(policy, 0)).toBe(D);
  });
});

describe('classifySecret and needsSharedClock', () => {
  it('tells the current, the previous and any other secret apart', () => {
    expect(classifySecret(state(), 'current')).toBe('current');
    expect(classifySecret(state(), 'previous')).toBe('previous');
    expect(classifySecret(state(), 'older')).toBe('other');
    expect(classifySecret(state({ previousSecretHash: null }), 'previous')).toBe('other');
  });

  it('asks for the shared clock only off the hot path', () => {
    const plain = { delivered: false, vouched: false };
    expect(needsSharedClock(state(confirmed(0)), 'current', plain)).toBe(false);
    expect(needsSharedClock(state(), 'current', plain)).toBe(true);
    expect(needsSharedClock(state(), 'current', { ...plain, delivered: true })).toBe(false);
    expect(needsSharedClock(state(), 'previous', plain)).toBe(true);
    expect(needsSharedClock(state(), 'previous', { ...plain, vouched: true })).toBe(false);
    expect(needsSharedClock(state(), 'other', plain)).toBe(false);
  });

  it('refuses to judge a grace without the shared clock', () => {
    expect(() => decide(state(), 'previous', { ...facts(1_000), sharedAtArrival: undefined }, policy)).toThrow(/shared clock/);
  });
});
