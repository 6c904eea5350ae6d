import 'server-only';
// The Next.js side of the session engine: one engine, sealer and purge sweeper
// per process, configured from the validated environment.
import { databaseProvider, db } from '../db';
import { env, sessionKeys } from '../env';
import { sharedClockFor } from './clock';
import { createSessionEngine } from './engine';
import { policyFromEnv } from './policy';
import { createPurgeSweeper } from './purge';
import { createRequestStamper } from './request-stamp';
import { createSessionSealer } from './seal';

export const sessionPolicy = policyFromEnv(env);
export const sessionEngine = createSessionEngine(db, sessionPolicy, {
  sharedClock: sharedClockFor(db, databaseProvider),
});
// A seal never outlives the longest a session can live — plus a minute, so the
// database (not the seal) is what ends a session at its absolute limit, with
// the row revoked and audited.
export const sessionSealer = createSessionSealer({
  keys: sessionKeys,
  ttlMs: sessionPolicy.absoluteTimeoutMs + 60_000,
});
export const requestStamper = createRequestStamper(sessionKeys);
export const sweepExpiredSessions = createPurgeSweeper(db, sessionPolicy);

export { ARRIVAL_HEADER, REQUEST_STAMP_HEADER } from './request-stamp';
export { SESSION_COOKIE_NAME, setSessionCookie, deleteSessionCookie, expireCookie, sessionCookieOptions } from './cookie';
export type { SessionValidationResult, RequestContext, Session, SessionToken } from './engine';
