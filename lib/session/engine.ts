// The session engine: database sessions with hashed secrets, regeneration,
// periodic rotation with a grace window, reuse detection, idle and absolute
// expiry, revocation. Framework-free: it takes a Prisma client and a policy and
// knows nothing about cookies or Next.js (lib/session/index.ts wires it up;
// middleware.ts and lib/dal/session.ts call it).
//
// Decisions: docs/decisions/005-database-sessions.md (hashed secrets),
// 016-rotation-rule.md, 029-withheld-rotation.md and 035-stale-secrets-retry.md
// (rotation, re-send, stale secrets, reuse), 007-session-timeouts.md (timeouts).
import type { Db, Session } from '../db/client';
import { recordAuditEvent } from '../audit';
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

export type { Session, SessionToken, SessionOwner };

/** Where a request came from; stored on the row and in audit events. */
export type RequestContext = { ipAddress: string | null; userAgent: string | null };

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
  | 'revoked-by-operator';

/** What validation decides, before the owner is attached. */
type Judgement =
  | { status: 'valid'; session: Session }
  /** Valid, and the caller should rotate: the interval has passed and the previous secret's grace is over. */
  | { status: 'rotate'; session: Session }
  /**
   * Valid, presented with the previous secret while the current one has never
   * been seen and rotation is due again: its response was lost (or is very
   * late). The caller re-sends `token` — the same current secret, not a new one.
   */
  | { status: 'resend'; session: Session; token: SessionToken }
  /** A stale secret, not (yet) a copy: serve nothing, revoke nothing; the caller asks the browser to send the request again, with its newest cookie (ADR 035). */
  | { status: 'retry'; userId: string }
  | { status: 'expired-idle'; userId: string }
  | { status: 'expired-absolute'; userId: string }
  | { status: 'revoked'; userId: string; reason: string }
  | { status: 'reuse-detected'; userId: string }
  | { status: 'invalid' };

/** Every result that carries a live session also carries its owner. */
export type SessionValidationResult = Judgement extends infer J ? (J extends { session: Session } ? J & { owner: SessionOwner } : J) : never;

export type RotationResult =
  | { status: 'rotated'; token: SessionToken }
  /** A parallel request rotated first, or the shared clock says not yet: carry on with the presented secret. */
  | { status: 'not-rotated' };

export type ValidateOptions = {
  /** false for status polls and prefetches: reading the session must not extend its idle timer. */
  touch?: boolean;
  /**
   * false when the secret was delivered by this very request (middleware rotated
   * or re-sent it and rewrote the cookie): only a later request proves the
   * browser holds it.
   */
  confirm?: boolean;
  /**
   * When the request reached this instance (its clock). Grace decisions are
   * made as of then, on the shared clock: a request that waited in a queue is
   * not judged by how late the server got to it.
   */
  arrivedAt?: Date;
  /**
   * Middleware already checked this cookie against the database when the
   * request arrived, and found it valid; a rotation by a parallel request since
   * then does not make it a copy (./request-stamp.ts).
   */
  vouched?: boolean;
  /** How slowly this server was answering when the request arrived (./server-lag.ts); delays a re-send, within a bound. */
  serverLagMs?: number;
  context?: RequestContext;
};

export type SessionEngineOptions = {
  /** Whose "now" judges grace windows; the database's on a fleet (./clock.ts). */
  sharedClock?: SharedClock;
};

export function createSessionEngine(db: Db, policy: SessionPolicy, options: SessionEngineOptions = {}) {
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
  ): Promise<SessionValidationResult> {
    const loaded = await findSessionWithOwner(db, token.id);
    if (!loaded) return { status: 'invalid' };
    const judged = await judgeSession(loaded.session, token, options, now);
    return 'session' in judged ? { ...judged, owner: loaded.owner } : judged;
  }

  async function judgeSession(session: Session, token: SessionToken, options: ValidateOptions, now: Date): Promise<Judgement> {
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
        return { status: 'revoked', userId: session.userId, reason: verdict.reason };
      case 'expire':
        await invalidateSession(session.id, verdict.reason, { now, context: options.context });
        return verdict.reason === 'idle' ? { status: 'expired-idle', userId: session.userId } : { status: 'expired-absolute', userId: session.userId };
      case 'theft':
        return reportTheft(session, token, verdict.signal, options.context, now);
      case 'retry':
        await countStaleRetry(session);
        return { status: 'retry', userId: session.userId };
      case 'accept': {
        if (verdict.confirmAt) session = await confirmSessionSecret(session, verdict.confirmAt);
        if (verdict.touch) session = await touchSession(session, now);
        return { status: verdict.rotate ? 'rotate' : 'valid', session };
      }
      case 'resend': {
        if (verdict.touch) session = await touchSession(session, now);
        const current = session.rotationNonce ? deriveRotatedSecret(token.secret, session.rotationNonce) : undefined;
        if (!current || !secretMatchesHash(current, session.secretHash)) return { status: 'valid', session }; // never: the chain is ours
        if (verdict.first) await recordSecretResent(session, verdict.streak, options.context, now);
        return { status: 'resend', session, token: { id: session.id, secret: current, generation: session.generation } };
      }
    }
  }

  async function reportTheft(session: Session, token: SessionToken, signal: TheftSignal, context: RequestContext | undefined, now: Date): Promise<Judgement> {
    const revoked = await invalidateSession(session.id, 'reuse-detected', { now, context });
    if (revoked?.revoked) {
      const behind = token.generation === undefined ? undefined : session.generation - token.generation;
      const secret = signal === 'older-secret' ? 'older' : 'previous';
      const retries: Record<string, number> = signal === 'withheld-rotation' ? {} : { staleRetries: session.staleCount };
      await audit('session.reuse_detected', session, context, { secret, signal, ...retries, ...(behind === undefined ? {} : { generationsBehind: behind }) });
    }
    return { status: 'reuse-detected', userId: session.userId };
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
    if (count === 0) return { status: 'not-rotated' };
    await audit('session.rotated', session, options.context, { generation: session.generation + 1 });
    return { status: 'rotated', token: next };
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

export type SessionEngine = ReturnType<typeof createSessionEngine>;
