import 'server-only';
// The security centre's data: the user's live sessions, their security log,
// revoking sessions, and the sign-out event — every query by the signed-in
// user's id.
import { db } from '../db';
import { sessionStore, type RequestContext } from '../session';
import { recordAuditEvent } from './audit';

export type SessionListItem = {
  id: string;
  isCurrent: boolean;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
};

export async function fetchUserSessions(userId: string, currentSessionId: string): Promise<SessionListItem[]> {
  const sessions = await sessionStore.listUserSessions(userId);
  return sessions
    .map((session) => ({
      id: session.id,
      isCurrent: session.id === currentSessionId,
      ipAddress: session.ipAddress,
      userAgent: session.userAgent,
      createdAt: session.createdAt,
      lastSeenAt: session.lastSeenAt,
    }))
    .sort((a, b) => Number(b.isCurrent) - Number(a.isCurrent) || b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
}

export type SecurityEventRow = {
  id: string;
  type: string;
  sessionId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  detail: string | null;
  createdAt: Date;
};

/** The newest security events, enough of them to fill `limit` rows after grouping. */
export async function fetchSecurityEvents(userId: string, take = 200): Promise<SecurityEventRow[]> {
  return db.auditEvent.findMany({
    where: { userId, type: { not: 'session.created' } }, // every sign-in has its own, clearer event
    select: { id: true, type: true, sessionId: true, ipAddress: true, userAgent: true, detail: true, createdAt: true },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
  });
}

export async function fetchSecuritySettings(userId: string) {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { totpEnabledAt: true, passwordChangedAt: true },
  });
}

export type RevokeResult = 'revoked' | 'not-found' | 'current';

/** Ends one of the user's other sessions. Someone else's session id finds nothing. */
export async function revokeUserSession(
  userId: string,
  currentSessionId: string,
  sessionId: string,
  context: RequestContext,
): Promise<RevokeResult> {
  if (sessionId === currentSessionId) return 'current';
  const owned = await db.session.findFirst({ where: { id: sessionId, userId, revokedAt: null }, select: { id: true } });
  if (!owned) return 'not-found';
  await sessionStore.invalidateSession(owned.id, 'revoked-by-user', { context });
  return 'revoked';
}

export async function revokeOtherSessions(userId: string, currentSessionId: string, context: RequestContext): Promise<number> {
  return sessionStore.invalidateUserSessions(userId, 'revoked-by-user', { exceptSessionId: currentSessionId, context });
}

/** The sign-out route ended this session: the security log says so. */
export async function recordSignOut(userId: string, sessionId: string, context: RequestContext): Promise<void> {
  await recordAuditEvent(db, { type: 'logout', userId, sessionId, ...context });
}
