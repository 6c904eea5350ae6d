// Session policy: the timing rules, as pure functions of a row and "now".
// Values and their sources: docs/decisions/007-session-timeouts.md.

export type SessionPolicy = {
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
  rotationIntervalMs: number;
  rotationGraceMs: number;
  touchIntervalMs: number;
  freshAuthWindowMs: number;
  retentionMs: number;
  purgeIntervalMs: number;
  /** Live sessions one user may have; signing in beyond it ends the least recently used (ASVS 7.1.2). */
  maxSessionsPerUser: number;
};

export type PolicyEnv = {
  SESSION_IDLE_TIMEOUT: number;
  SESSION_ABSOLUTE_TIMEOUT: number;
  SESSION_ROTATION_INTERVAL: number;
  SESSION_ROTATION_GRACE: number;
  SESSION_TOUCH_INTERVAL: number;
  SESSION_FRESH_AUTH_WINDOW: number;
  SESSION_RETENTION: number;
  SESSION_PURGE_INTERVAL: number;
  SESSION_MAX_PER_USER: number;
};

export function policyFromEnv(env: PolicyEnv): SessionPolicy {
  return {
    idleTimeoutMs: env.SESSION_IDLE_TIMEOUT,
    absoluteTimeoutMs: env.SESSION_ABSOLUTE_TIMEOUT,
    rotationIntervalMs: env.SESSION_ROTATION_INTERVAL,
    rotationGraceMs: env.SESSION_ROTATION_GRACE,
    touchIntervalMs: env.SESSION_TOUCH_INTERVAL,
    freshAuthWindowMs: env.SESSION_FRESH_AUTH_WINDOW,
    retentionMs: env.SESSION_RETENTION,
    purgeIntervalMs: env.SESSION_PURGE_INTERVAL,
    maxSessionsPerUser: env.SESSION_MAX_PER_USER,
  };
}

type Timestamps = { createdAt: Date; lastSeenAt: Date };

export function idleExpiresAt(session: Timestamps, policy: SessionPolicy): Date {
  return new Date(session.lastSeenAt.getTime() + policy.idleTimeoutMs);
}

export function absoluteExpiresAt(session: Timestamps, policy: SessionPolicy): Date {
  return new Date(session.createdAt.getTime() + policy.absoluteTimeoutMs);
}

/** Which limit, if any, has ended the session. Absolute wins: it cannot be extended. */
export function findExpiry(session: Timestamps, now: Date, policy: SessionPolicy): 'absolute' | 'idle' | null {
  if (now >= absoluteExpiresAt(session, policy)) return 'absolute';
  if (now >= idleExpiresAt(session, policy)) return 'idle';
  return null;
}

/** Rotation is due once the current secret is older than the interval. */
export function isRotationDue(secretIssuedAt: Date, now: Date, policy: SessionPolicy): boolean {
  return now.getTime() - secretIssuedAt.getTime() >= policy.rotationIntervalMs;
}

/**
 * How long a rotated secret may go unused while its predecessor is still
 * presented before the server re-sends it: longer than any response takes
 * (three graces, and never under half an interval less a grace), never longer
 * than the interval. Half an interval is what bounds a withholding copy to two
 * intervals at the defaults (docs/decisions/029-withheld-rotation.md).
 */
export function resendAfterMs(policy: Pick<SessionPolicy, 'rotationIntervalMs' | 'rotationGraceMs'>): number {
  const { rotationIntervalMs: interval, rotationGraceMs: grace } = policy;
  return Math.min(interval, Math.max((interval - grace) / 2, 3 * grace));
}

/**
 * The re-send wait on a server that is answering slowly: a response still being
 * rendered is not a lost one. The server's measured lag (what its recent page
 * responses took, ./server-lag.ts) is added, up to one more re-send wait, so a
 * server slowed on purpose delays a withholding copy's exposure by a bounded
 * amount (docs/decisions/035-stale-secrets-retry.md).
 */
export function resendAfterOnLagMs(policy: Pick<SessionPolicy, 'rotationIntervalMs' | 'rotationGraceMs'>, serverLagMs: number): number {
  const base = resendAfterMs(policy);
  return base + Math.min(Math.max(0, serverLagMs), base);
}

/**
 * The issue time sealed into a re-sent secret: one interval before its
 * rotation, so middleware sees it due and the next rotation follows as soon as
 * its grace allows (ADR 029). Rotations happen an interval or more after
 * sign-in, so the seal still outlives the session.
 */
export function resentSecretIssuedAt(rotatedAt: Date, policy: Pick<SessionPolicy, 'rotationIntervalMs'>): Date {
  return new Date(rotatedAt.getTime() - policy.rotationIntervalMs);
}

/** lastSeenAt is written at most once per touch interval. */
export function touchThreshold(now: Date, policy: SessionPolicy): Date {
  return new Date(now.getTime() - policy.touchIntervalMs);
}

export function isFreshlyAuthenticated(authenticatedAt: Date, now: Date, policy: SessionPolicy): boolean {
  return now.getTime() - authenticatedAt.getTime() < policy.freshAuthWindowMs;
}
