// The session store: the one read (./session-read.ts), the rule (./decide.ts)
// applied to it, and every guarded write with its audit event — create,
// confirm, touch, rotate, re-send, count a stale retry, revoke, expire.
// Framework-free: it takes a Prisma client and a policy and knows nothing about
// cookies or Next.js (./index.ts wires it up; ./gate.ts and
// ./current-session.ts call it).
//
// Decisions: docs/decisions/005-database-sessions.md (hashed secrets),
// 016-rotation-rule.md, 029-withheld-rotation.md and 035-stale-secrets-retry.md
// (rotation, re-send, stale secrets, reuse), 007-session-timeouts.md (timeouts).
import type { Db, Session } from '../db/client';
import type { RequestContext } from '../http/request-context';
import { recordAuditEvent } from '../dal/audit';
import { levelOfMfa, readAuthLevel, type AuthLevel } from './auth-level';
import { localClock, type SharedClock } from './clock';
import { findSessionWithOwner, type SessionOwner } from './session-read';
import { classifySecret, decide, needsSharedClock, type RequestFacts, type TheftSignal } from './decide';
import { findExpiry, touchThreshold, type SessionPolicy } from './policy';
import {
  deriveRotatedSecret,
  generateRotationNonce,
  generateSessionId,
  generateSessionSecret,
  hashSessionSecret,
  secretMatchesHash,
  type SessionToken,
} from './token';

export type { Session, SessionToken, SessionOwner, RequestContext, TheftSignal };

export type RevocationReason =
  | 'logout'
  | 'login-replaced'
  /** This browser's own session, replaced after a credential change (regenerateSession); rows from before say 'login-replaced'. */
  | 'credential-changed'
  | 'idle'
  | 'absolute'
  | 'reuse-detected'
  | 'revoked-by-user'
  | 'password-changed'
  | 'mfa-changed'
  | 'passkey-changed'
  | 'account-locked'
  | 'session-limit'
  | 'revoked-by-operator'
  /** The owner's account was disabled by an operator (ADR 044). */
  | 'account-disabled'
  /** The owner changed the account's sign-in address (ADR 046). */
  | 'email-changed'
  /** The owner deleted the account (ADR 046). */
  | 'account-deleted';

/**
 * The verdict (./decide.ts) as the store carried it out — the one result the
 * gate and the current-session entry act on. Live kinds carry the session and
 * its owner (one read); `rotate`: valid, and due for rotation (the gate
 * rotates); `resend`: valid, and `token` — the same current secret, not a new
 * one — goes to the browser again (its rotation's response never arrived);
 * `retry`: a stale secret, sent back to be retried with the browser's newest
 * cookie (ADR 035); `theft`: a copy, revoked for both holders; `unknown`: no such session.
 */
export type SessionCheck =
  | { kind: 'accept'; rotate: boolean; session: Session; owner: SessionOwner }
  | { kind: 'resend'; session: Session; owner: SessionOwner; token: SessionToken }
  | { kind: 'retry' }
  | { kind: 'expire'; reason: 'idle' | 'absolute' }
  | { kind: 'revoked'; reason: string }
  | { kind: 'theft' }
  | { kind: 'unknown' };

/** A check whose session may be used (and, by the gate, rotated or re-sent). */
export type LiveSessionCheck = Extract<SessionCheck, { session: Session }>;

export type RotationResult =
  | { kind: 'rotated'; token: SessionToken }
  /** A parallel request rotated first, or the shared clock says not yet: carry on with the presented secret. */
  | { kind: 'not-rotated' };

/** What the caller knows about the request; each becomes a RequestFact for the rule (./decide.ts explains them). */
export type ValidateOptions = {
  /** false for status polls and prefetches. */
  touch?: boolean;
  /** false when this very request delivered the secret (the gate rotated or re-sent it). */
  confirm?: boolean;
  /** When the request reached this instance (its clock); grace is judged as of then. */
  arrivedAt?: Date;
  /** The gate found this cookie valid on arrival (./request-facts.ts). */
  vouched?: boolean;
  serverLagMs?: number;
  context?: RequestContext;
};

/** A detected theft, as the store tells its listener: whose session, signed in on which browser, and when. */
export type SessionTheft = { userId: string; sessionId: string; userAgent: string | null; signal: TheftSignal; at: Date };

export type SessionStoreOptions = {
  /** Whose "now" judges grace windows; the database's on a fleet (./clock.ts). */
  sharedClock?: SharedClock;
  /**
   * Told once per detected theft, after the revocation and its audit event —
   * the product's hook (it mails the owner, ADR 047); the store knows nothing of
   * mail. Not awaited; an error is logged and never changes the verdict.
   */
  onTheft?: (theft: SessionTheft) => void;
};

export function createSessionStore(db: Db, policy: SessionPolicy, options: SessionStoreOptions = {}) {
  const sharedNow = options.sharedClock ?? localClock;
  /** The shared clock's time when the request arrived (now, less the time it has been waiting). */
  const sharedAtArrival = async (now: Date, arrivedAt: Date | undefined) =>
    new Date((await sharedNow(now)).getTime() - Math.max(0, now.getTime() - (arrivedAt ?? now).getTime()));
  const audit = (type: Parameters<typeof recordAuditEvent>[1]['type'], session: Pick<Session, 'id' | 'userId'>, context?: RequestContext, detail?: Record<string, string | number>) =>
    recordAuditEvent(db, { type, userId: session.userId, sessionId: session.id, ...context, detail });

  async function createSession(
    userId: string,
    options: {
      mfaVerified: boolean;
      /** How this authentication was made; by default what `mfaVerified` alone proves. */
      authLevel?: AuthLevel;
      context: RequestContext;
      now?: Date;
      /** Carried over by a regeneration that is not a new authentication (ADR 013). */
      keep?: Pick<Session, 'createdAt' | 'authenticatedAt'>;
    },
  ): Promise<{ session: Session; token: SessionToken }> {
    const now = options.now ?? new Date();
    const token: SessionToken = { id: generateSessionId(), secret: generateSessionSecret(), generation: 0 };
    const session = await db.session.create({
      data: {
        id: token.id,
        secretHash: hashSessionSecret(token.secret),
        // The first secret has no predecessor to give grace to.
        secretConfirmedAt: now,
        userId,
        createdAt: options.keep?.createdAt ?? now,
        lastSeenAt: now,
        rotatedAt: now,
        authenticatedAt: options.keep?.authenticatedAt ?? now,
        mfaVerified: options.mfaVerified,
        authLevel: options.authLevel ?? levelOfMfa(options.mfaVerified),
        ipAddress: options.context.ipAddress,
        userAgent: options.context.userAgent?.slice(0, 512) ?? null,
      },
    });
    await audit('session.created', session, options.context);
    await enforceSessionLimit(userId, session.id, options.context, now);
    return { session, token };
  }

  /**
   * At most `maxSessionsPerUser` live sessions (ASVS 7.1.2): beyond it, the
   * least recently used ones end — never the one just created — and the user
   * sees why in the security log. Runs at sign-in only.
   */
  async function enforceSessionLimit(userId: string, keepId: string, context: RequestContext, now: Date): Promise<void> {
    const live = await listUserSessions(userId, now); // most recently seen first
    const excess = live.filter((s) => s.id !== keepId).slice(policy.maxSessionsPerUser - 1);
    for (const session of excess) await invalidateSession(session.id, 'session-limit', { now, context });
  }

  /**
   * The authoritative check: one read (the row and its owner), the rule
   * (./decide.ts), then the verdict's writes — revoke with the reason, confirm
   * the current secret, touch lastSeenAt at most once per touch interval,
   * record a re-send — and the answer for the caller.
   */
  async function validateSessionToken(
    token: SessionToken,
    options: ValidateOptions = {},
    now: Date = new Date(),
  ): Promise<SessionCheck> {
    const loaded = await findSessionWithOwner(db, token.id);
    if (!loaded) return { kind: 'unknown' };
    let { session } = loaded;
    // A disabled account has no live session, whatever the rule would say: the
    // operator's command revoked them all, and this catches one a sign-in created
    // in the same moment (ADR 044).
    if (loaded.owner.disabledAt !== null && !session.revokedAt) {
      await invalidateSession(session.id, 'account-disabled', { now, context: options.context });
      return { kind: 'revoked', reason: 'account-disabled' };
    }
    const presented = classifySecret(session, token.secret);
    const facts: RequestFacts = {
      now,
      delivered: options.confirm === false,
      vouched: Boolean(options.vouched),
      touch: options.touch !== false,
      serverLagMs: options.serverLagMs ?? 0,
    };
    if (needsSharedClock(session, presented, facts)) facts.sharedAtArrival = await sharedAtArrival(now, options.arrivedAt);
    const verdict = decide(session, presented, facts, policy);
    switch (verdict.kind) {
      case 'revoked':
        return verdict;
      case 'expire':
        await invalidateSession(session.id, verdict.reason, { now, context: options.context });
        return verdict;
      case 'theft':
        await reportTheft(session, token, verdict.signal, options.context, now);
        return { kind: 'theft' };
      case 'retry':
        await countStaleRetry(session);
        return { kind: 'retry' };
      case 'accept': {
        if (verdict.confirmAt) session = await confirmSessionSecret(session, verdict.confirmAt);
        if (verdict.touch) session = await touchSession(session, now);
        return { kind: 'accept', rotate: verdict.rotate, session, owner: loaded.owner };
      }
      case 'resend': {
        if (verdict.touch) session = await touchSession(session, now);
        const current = session.rotationNonce ? deriveRotatedSecret(token.secret, session.rotationNonce) : undefined;
        if (!current || !secretMatchesHash(current, session.secretHash)) return { kind: 'accept', rotate: false, session, owner: loaded.owner }; // never: the chain is ours
        if (verdict.first) await recordSecretResent(session, verdict.streak, options.context, now);
        return { kind: 'resend', session, owner: loaded.owner, token: { id: session.id, secret: current, generation: session.generation } };
      }
    }
  }

  async function reportTheft(session: Session, token: SessionToken, signal: TheftSignal, context: RequestContext | undefined, now: Date): Promise<void> {
    const revoked = await invalidateSession(session.id, 'reuse-detected', { now, context });
    if (revoked?.revoked) {
      const behind = token.generation === undefined ? undefined : session.generation - token.generation;
      const secret = signal === 'older-secret' ? 'older' : 'previous';
      const retries: Record<string, number> = signal === 'withheld-rotation' ? {} : { staleRetries: session.staleCount };
      await audit('session.reuse_detected', session, context, { secret, signal, ...retries, ...(behind === undefined ? {} : { generationsBehind: behind }) });
      try {
        options.onTheft?.({ userId: session.userId, sessionId: session.id, userAgent: session.userAgent, signal, at: now });
      } catch (error) {
        console.error('[session] the theft listener failed', error instanceof Error ? error.message : error);
      }
    }
  }

  /**
   * One guarded write: lastSeenAt only if older than the touch interval, so N
   * concurrent requests write once.
   */
  async function touchSession(session: Session, now: Date): Promise<Session> {
    const { count } = await db.session.updateMany({
      where: { id: session.id, lastSeenAt: { lte: touchThreshold(now, policy) } },
      data: { lastSeenAt: now },
    });
    return count === 1 ? { ...session, lastSeenAt: now } : session;
  }

  /** The first request presenting a rotated secret proves the browser holds it; the grace starts when it arrived. */
  async function confirmSessionSecret(session: Session, confirmedAt: Date): Promise<Session> {
    await db.session.updateMany({
      where: { id: session.id, secretHash: session.secretHash, secretConfirmedAt: null },
      data: { secretConfirmedAt: confirmedAt },
    });
    return { ...session, secretConfirmedAt: confirmedAt };
  }

  /** One more stale request sent back to retry, counted against this generation (a rotation starts the count again). */
  async function countStaleRetry(session: Session): Promise<void> {
    await db.session.updateMany({ where: { id: session.id, secretHash: session.secretHash }, data: { staleCount: { increment: 1 } } });
  }

  /** A rotation's secret re-sent: once per rotation, counted (the streak is what decide judges), audited. */
  async function recordSecretResent(session: Session, streak: number, context: RequestContext | undefined, now: Date): Promise<void> {
    const { count } = await db.session.updateMany({
      where: { id: session.id, secretHash: session.secretHash, secretResentAt: null },
      data: { secretResentAt: now, resendStreak: streak },
    });
    if (count === 1) await audit('session.secret_resent', session, context, { generation: session.generation, streak });
  }

  /**
   * Replaces the presented current secret with the next one in its chain. One
   * guarded update, judged on the shared clock: of many parallel requests
   * carrying the same cookie exactly one rotates; the others carry on with what
   * is now the previous secret (valid while the new one is unconfirmed). A
   * secret that was re-sent may be rotated without waiting for the interval,
   * and keeps the re-send streak alive (ADR 029).
   */
  async function rotateSession(
    session: Session,
    presented: SessionToken,
    options: { now?: Date; context?: RequestContext } = {},
  ): Promise<RotationResult> {
    const shared = await sharedNow(options.now ?? new Date());
    const nonce = generateRotationNonce();
    const next: SessionToken = { id: session.id, secret: deriveRotatedSecret(presented.secret, nonce), generation: session.generation + 1 };
    const presentedHash = hashSessionSecret(presented.secret);
    const { count } = await db.session.updateMany({
      where: {
        id: session.id,
        revokedAt: null,
        secretHash: presentedHash,
        secretResentAt: session.secretResentAt,
        secretConfirmedAt: { lte: new Date(shared.getTime() - policy.rotationGraceMs) },
        ...(session.secretResentAt ? {} : { rotatedAt: { lte: new Date(shared.getTime() - policy.rotationIntervalMs) } }),
      },
      data: {
        secretHash: hashSessionSecret(next.secret),
        previousSecretHash: presentedHash,
        rotationNonce: nonce,
        secretConfirmedAt: null,
        secretResentAt: null,
        resendStreak: session.secretResentAt ? session.resendStreak : 0,
        staleCount: 0,
        rotatedAt: shared,
        generation: { increment: 1 },
      },
    });
    if (count === 0) return { kind: 'not-rotated' };
    await audit('session.rotated', session, options.context, { generation: session.generation + 1 });
    return { kind: 'rotated', token: next };
  }

  /** Revokes one session (once, with its first reason). Null if no such session. */
  async function invalidateSession(
    sessionId: string,
    reason: RevocationReason,
    options: { now?: Date; context?: RequestContext } = {},
  ): Promise<{ userId: string; revoked: boolean } | null> {
    const now = options.now ?? new Date();
    const session = await db.session.findUnique({ where: { id: sessionId }, select: { id: true, userId: true } });
    if (!session) return null;
    const { count } = await db.session.updateMany({
      where: { id: sessionId, revokedAt: null },
      data: { revokedAt: now, revokedReason: reason },
    });
    if (count === 0) return { userId: session.userId, revoked: false };
    const type = reason === 'idle' || reason === 'absolute' ? 'session.expired' : 'session.revoked';
    await audit(type, session, options.context, { reason });
    return { userId: session.userId, revoked: true };
  }

  /** Revokes every live session of a user, optionally keeping one (the caller's). */
  async function invalidateUserSessions(
    userId: string,
    reason: RevocationReason,
    options: { exceptSessionId?: string; now?: Date; context?: RequestContext } = {},
  ): Promise<number> {
    const now = options.now ?? new Date();
    const { count } = await db.session.updateMany({
      where: { userId, revokedAt: null, ...(options.exceptSessionId ? { id: { not: options.exceptSessionId } } : {}) },
      data: { revokedAt: now, revokedReason: reason },
    });
    if (count > 0) {
      await recordAuditEvent(db, {
        type: 'session.revoked',
        userId,
        sessionId: options.exceptSessionId ?? null,
        ...options.context,
        detail: { reason, count, scope: options.exceptSessionId ? 'others' : 'all' },
      });
    }
    return count;
  }

  /** Ends every live session of every user (an operator's last resort, ASVS 7.4.5); one audit event per user. */
  async function invalidateAllSessions(reason: RevocationReason, options: { now?: Date } = {}): Promise<number> {
    const owners = await db.session.findMany({ where: { revokedAt: null }, select: { userId: true }, distinct: ['userId'] });
    let total = 0;
    for (const { userId } of owners) total += await invalidateUserSessions(userId, reason, options);
    return total;
  }

  /**
   * After a credential change (password, MFA): a new id and secret, so the
   * cookie from before the change is worthless — but the same clock. A change
   * is not an authentication: the absolute lifetime and the fresh-auth window
   * carry over, or chained changes would extend both without the second factor.
   */
  async function regenerateSession(
    current: Session,
    options: { mfaVerified?: boolean; context: RequestContext; now?: Date },
  ): Promise<{ session: Session; token: SessionToken }> {
    await invalidateSession(current.id, 'credential-changed', options);
    const mfaVerified = options.mfaVerified ?? current.mfaVerified;
    return createSession(current.userId, {
      mfaVerified,
      // Not an authentication: the level carries over, never raised (ADR 030).
      authLevel: mfaVerified ? readAuthLevel(current.authLevel) : 'single-factor',
      context: options.context,
      now: options.now,
      keep: { createdAt: current.createdAt, authenticatedAt: current.authenticatedAt },
    });
  }

  async function listUserSessions(userId: string, now: Date = new Date()): Promise<Session[]> {
    const sessions = await db.session.findMany({
      where: { userId, revokedAt: null },
      orderBy: { lastSeenAt: 'desc' },
    });
    return sessions.filter((session) => findExpiry(session, now, policy) === null);
  }

  return {
    createSession,
    validateSessionToken,
    rotateSession,
    invalidateSession,
    invalidateUserSessions,
    invalidateAllSessions,
    regenerateSession,
    listUserSessions,
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
