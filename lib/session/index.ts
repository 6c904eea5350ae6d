import 'server-only';
// The Next.js side of the session layer: one store, sealer, stamper, gate and
// purge sweeper per process, configured from the validated environment.
import { databaseAvailability, databaseProvider, db, isDatabaseUnreachableError } from '../db';
import { env, sessionKeys } from '../env';
import { sharedClockFor } from './clock';
import { createSessionGate } from './gate';
import { policyFromEnv } from './policy';
import { createPurgeSweeper } from './purge';
import { createRequestStamper } from './request-facts';
import { createSessionSealer } from './seal';
import { createSessionStore, type SessionTheft } from './store';

// The product's theft listener (ADR 047), on globalThis like the database
// client: middleware and the app are bundled separately, and either may detect a theft.
const theftListener = globalThis as unknown as { strongroomTheftListener?: (theft: SessionTheft) => void };

/** Registers what happens when a theft is detected (the product mails the owner); the last registration wins. */
export function onSessionTheft(listener: (theft: SessionTheft) => void): void {
  theftListener.strongroomTheftListener = listener;
}

export const sessionPolicy = policyFromEnv(env);
export const sessionStore = createSessionStore(db, sessionPolicy, {
  sharedClock: sharedClockFor(db, databaseProvider),
  onTheft: (theft) => theftListener.strongroomTheftListener?.(theft),
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
export const passSessionGate = createSessionGate({
  store: sessionStore,
  sealer: sessionSealer,
  stamper: requestStamper,
  policy: sessionPolicy,
  trustProxy: env.TRUST_PROXY,
  availability: databaseAvailability,
  isUnreachable: isDatabaseUnreachableError,
});

export { asNextResponse } from './gate';
export { ARRIVAL_HEADER, REQUEST_STAMP_HEADER } from './request-facts';
export { SESSION_COOKIE_NAME, setSessionCookie, deleteSessionCookie, expireCookie, sessionCookieOptions } from './cookie';
export type { SessionCheck, RequestContext, Session, SessionTheft, SessionToken } from './store';
