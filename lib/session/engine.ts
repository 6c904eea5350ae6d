// The session engine: database sessions with hashed secrets, regeneration,
// periodic rotation with a grace window, reuse detection, idle and absolute
// expiry, revocation. Framework-free: it takes a Prisma client and a policy and
// knows nothing about cookies or Next.js (see ./next.ts for that).
//
// Decisions: docs/decisions/005-database-sessions.md (hashed secrets),
// 006-rotation-grace-reuse.md (rotation), 007-session-timeouts.md (timeouts).
import type { Db } from '../db/client';
import type { Session } from '../../prisma/generated/sqlite/client';
import { recordAuditEvent } from '../audit';
import { findExpiry, isRotationDue, touchThreshold, type SessionPolicy } from './policy';
import {
  generateSessionId,
  generateSessionSecret,
  hashSessionSecret,
  secretMatchesHash,
  type SessionToken,
} from './token';

export type { Session, SessionToken };

/** Where a request came from; stored on the row and in audit events. */
export type RequestContext = { ipAddress: string | null; userAgent: string | null };

export type RevocationReason =
  | 'logout'
  | 'login-replaced'
  | 'idle'
  | 'absolute'
  | 'reuse-detected'
  | 'revoked-by-user'
  | 'password-changed'
  | 'mfa-changed'
  | 'account-locked';

export type SessionValidationResult =
  | { status: 'valid'; session: Session }
  /** Valid, and the caller should rotate (interval passed, or a lost rotation must be re-issued). */
  | { status: 'rotate'; session: Session }
  | { status: 'expired-idle'; userId: string }
  | { status: 'expired-absolute'; userId: string }
  | { status: 'revoked'; userId: string; reason: string }
  | { status: 'reuse-detected'; userId: string }
  | { status: 'invalid' };

export type RotationResult =
  | { status: 'rotated'; session: Session; token: SessionToken }
  /** A parallel request rotated first; the presented secret is now in its grace window. */
  | { status: 'superseded' };

export type ValidateOptions = {
  /** false for status polling: reading the session must not extend its idle timer. */
  touch?: boolean;
  /**
   * false when the secret was issued by this very request (middleware rotated
   * and rewrote the cookie): only a later request proves the browser got it.
   */
  confirm?: boolean;
  context?: RequestContext;
};

export function createSessionEngine(db: Db, policy: SessionPolicy) {
  const audit = (type: Parameters<typeof recordAuditEvent>[1]['type'], session: Pick<Session, 'id' | 'userId'>, context?: RequestContext, detail?: Record<string, string>) =>
    recordAuditEvent(db, { type, userId: session.userId, sessionId: session.id, ...context, detail });

  async function createSession(
    userId: string,
    options: { mfaVerified: boolean; context: RequestContext; now?: Date },
  ): Promise<{ session: Session; token: SessionToken }> {
    const now = options.now ?? new Date();
    const token: SessionToken = { id: generateSessionId(), secret: generateSessionSecret() };
    const session = await db.session.create({
      data: {
        id: token.id,
        secretHash: hashSessionSecret(token.secret),
        userId,
        createdAt: now,
        lastSeenAt: now,
        rotatedAt: now,
        authenticatedAt: now,
        mfaVerified: options.mfaVerified,
        ipAddress: options.context.ipAddress,
        userAgent: options.context.userAgent?.slice(0, 512) ?? null,
      },
    });
    await audit('session.created', session, options.context);
    return { session, token };
  }

  /**
   * The authoritative check. Looks the row up by id, then: revoked? expired
   * (revoking it with the reason)? secret current, previous-within-grace, or a
   * replayed previous one (reuse → revoke)? Touches lastSeenAt at most once per
   * touch interval, and reports when rotation is due.
   */
  async function validateSessionToken(
    token: SessionToken,
    options: ValidateOptions = {},
    now: Date = new Date(),
  ): Promise<SessionValidationResult> {
    const session = await db.session.findUnique({ where: { id: token.id } });
    if (!session) return { status: 'invalid' };
    if (session.revokedAt) return { status: 'revoked', userId: session.userId, reason: session.revokedReason ?? 'revoked' };

    const expiry = findExpiry(session, now, policy);
    if (expiry) {
      await invalidateSession(session.id, expiry, { now, context: options.context });
      return expiry === 'idle'
        ? { status: 'expired-idle', userId: session.userId }
        : { status: 'expired-absolute', userId: session.userId };
    }

    if (secretMatchesHash(token.secret, session.secretHash)) {
      if (!session.secretConfirmed && options.confirm !== false) await confirmSessionSecret(session);
      const fresh = await touchSession(session, now, options.touch !== false);
      return isRotationDue(fresh.rotatedAt, now, policy)
        ? { status: 'rotate', session: fresh }
        : { status: 'valid', session: fresh };
    }

    if (secretMatchesHash(token.secret, session.previousSecretHash)) {
      const withinGrace = session.previousValidUntil !== null && now < session.previousValidUntil;
      if (withinGrace) return { status: 'valid', session: await touchSession(session, now, options.touch !== false) };
      // The response carrying the new secret never arrived (it was never presented):
      // re-issue rather than accuse the only party that holds the session.
      if (!session.secretConfirmed) return { status: 'rotate', session };
      // Both the old and the new secret are in use: two parties hold this session.
      await invalidateSession(session.id, 'reuse-detected', { now, context: options.context });
      await audit('session.reuse_detected', session, options.context);
      return { status: 'reuse-detected', userId: session.userId };
    }

    return { status: 'invalid' };
  }

  /**
   * One guarded write: lastSeenAt only if older than the touch interval (so N
   * concurrent requests write once), and the first use of a rotated secret
   * confirms it (which ends the "re-issue instead of revoke" allowance).
   */
  async function touchSession(session: Session, now: Date, touch: boolean): Promise<Session> {
    const touchDue = touch && session.lastSeenAt <= touchThreshold(now, policy);
    if (touchDue) {
      const { count } = await db.session.updateMany({
        where: { id: session.id, lastSeenAt: { lte: touchThreshold(now, policy) } },
        data: { lastSeenAt: now },
      });
      if (count === 1) session = { ...session, lastSeenAt: now };
    }
    return session;
  }

  /** The first request with a rotated secret proves its response arrived. */
  async function confirmSessionSecret(session: Session): Promise<void> {
    await db.session.updateMany({
      where: { id: session.id, secretHash: session.secretHash },
      data: { secretConfirmed: true },
    });
  }

  /**
   * Replaces the presented secret with a new one. Guarded so that of many
   * parallel requests carrying the same cookie exactly one rotates; the others
   * get `superseded` and carry on inside the grace window.
   */
  async function rotateSession(
    session: Session,
    presented: SessionToken,
    options: { now?: Date; context?: RequestContext } = {},
  ): Promise<RotationResult> {
    const now = options.now ?? new Date();
    const next: SessionToken = { id: session.id, secret: generateSessionSecret() };
    const presentedHash = hashSessionSecret(presented.secret);
    const isReissue = !secretMatchesHash(presented.secret, session.secretHash);
    const graceEnd = new Date(now.getTime() + policy.rotationGraceMs);

    const { count } = isReissue
      ? await db.session.updateMany({
          // Only once the grace has run out and the new secret was never seen.
          where: { id: session.id, revokedAt: null, previousSecretHash: presentedHash, secretConfirmed: false, previousValidUntil: { lte: now } },
          data: { secretHash: hashSessionSecret(next.secret), previousValidUntil: graceEnd, rotatedAt: now },
        })
      : await db.session.updateMany({
          where: { id: session.id, revokedAt: null, secretHash: presentedHash },
          data: {
            secretHash: hashSessionSecret(next.secret),
            previousSecretHash: presentedHash,
            previousValidUntil: graceEnd,
            secretConfirmed: false,
            rotatedAt: now,
          },
        });
    if (count === 0) return { status: 'superseded' };

    await audit(isReissue ? 'session.reissued' : 'session.rotated', session, options.context);
    const rotated = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    return { status: 'rotated', session: rotated, token: next };
  }

  async function invalidateSession(
    sessionId: string,
    reason: RevocationReason,
    options: { now?: Date; context?: RequestContext } = {},
  ): Promise<void> {
    const now = options.now ?? new Date();
    const session = await db.session.findUnique({ where: { id: sessionId }, select: { id: true, userId: true } });
    if (!session) return;
    // Guarded so a session is revoked (and audited) once, with its first reason.
    const { count } = await db.session.updateMany({
      where: { id: sessionId, revokedAt: null },
      data: { revokedAt: now, revokedReason: reason },
    });
    if (count === 0) return;
    const type = reason === 'idle' || reason === 'absolute' ? 'session.expired' : 'session.revoked';
    await audit(type, session, options.context, { reason });
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

  /** Step-up: a successful re-authentication regenerates the session and restarts the fresh-auth window. */
  async function regenerateSession(
    current: Session,
    options: { mfaVerified?: boolean; context: RequestContext; now?: Date },
  ): Promise<{ session: Session; token: SessionToken }> {
    await invalidateSession(current.id, 'login-replaced', options);
    return createSession(current.userId, {
      mfaVerified: options.mfaVerified ?? current.mfaVerified,
      context: options.context,
      now: options.now,
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
    regenerateSession,
    listUserSessions,
  };
}

export type SessionEngine = ReturnType<typeof createSessionEngine>;
