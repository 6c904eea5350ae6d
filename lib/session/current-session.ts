// The current-session entry: who is this request? The data access layer asks
// here (lib/dal/session.ts feeds it the cookie and headers from next/headers,
// once per request) and never takes the gate's word for the user — the gate can
// be skipped (CVE-2025-29927). What the gate learned about the request comes as
// a signed stamp (./request-facts.ts); without one the check is strict.
// On the hot path it costs one database read — the session row with its
// owner's display fields (./session-read.ts, ADR 023) — and at most one write
// per touch interval. Nothing is cached across requests: a revocation is seen
// by the very next request on every instance.
import { isPrefetchRequest } from '../http/prefetch';
import { requestContextFromHeaders, type RequestContext } from '../http/request-context';
import { readAuthLevel, type AuthLevel } from './auth-level';
import type { RequestStamper } from './request-facts';
import type { SessionSealer } from './seal';
import { signedOutReason, type SignedOutReason } from './signed-out-reason';
import type { LiveSessionCheck, Session, SessionStore } from './store';
import type { SessionToken } from './token';

/** `totpEnabled`, `hasPasskey`: the second factors the user has (ADR 022/030). */
export type SessionUser = { id: string; email: string; name: string; totpEnabled: boolean; hasPasskey: boolean };

/** What the app sees: a signed-in user, or nobody and why. */
export type CurrentSession =
  /** `authLevel`: how this session's last authentication was made (ADR 030), never read higher than recorded. */
  | { status: 'authenticated'; session: Session; authLevel: AuthLevel; token: SessionToken; user: SessionUser; context: RequestContext }
  | { status: 'anonymous'; reason: SignedOutReason; context: RequestContext };

/** Or a stale secret, which the browser should send again with its newest cookie (ADR 035). */
export type CurrentSessionRead = CurrentSession | { status: 'retry'; context: RequestContext };

export type CurrentSessionDeps = {
  store: SessionStore;
  sealer: SessionSealer;
  stamper: RequestStamper;
  trustProxy: boolean;
  /** The opportunistic purge of dead rows (in the background, at most once per interval). */
  sweep?: (now: Date) => void;
};

type HeaderReader = { get(name: string): string | null };

export type CurrentSessionInput = { cookieValue: string | undefined; headers: HeaderReader; touch: boolean };

export async function readCurrentSession(deps: CurrentSessionDeps, input: CurrentSessionInput, now: Date = new Date()): Promise<CurrentSessionRead> {
  const context = requestContextFromHeaders(input.headers, deps.trustProxy);
  const { cookieValue } = input;
  if (!cookieValue) return { status: 'anonymous', reason: 'none', context };

  const unsealed = await deps.sealer.unsealSessionToken(cookieValue, now);
  if (!unsealed.ok) return { status: 'anonymous', reason: unsealed.reason === 'expired' ? 'expired' : 'none', context };

  deps.sweep?.(now);
  const stamp = deps.stamper.readStamp(input.headers, cookieValue, now);
  // Fetching ahead is not activity. Next hides its router headers from the app;
  // the gate saw them (and a forged "prefetch" could only keep a session from being extended).
  const touch = input.touch && !(stamp?.prefetch ?? isPrefetchRequest(input.headers));
  const check = await deps.store.validateSessionToken(
    unsealed.token,
    { touch, confirm: !stamp?.delivered, arrivedAt: stamp?.arrivedAt, vouched: stamp?.vouched, context },
    now,
  );
  switch (check.kind) {
    case 'accept':
    case 'resend':
      // Rotating and re-sending are the gate's (it can set cookies); here the session is simply valid.
      return authenticated(deps.store, check, unsealed.token, context, now);
    case 'retry':
      return { status: 'retry', context };
    default:
      return { status: 'anonymous', reason: signedOutReason(check), context };
  }
}

async function authenticated(store: SessionStore, { session, owner }: LiveSessionCheck, token: SessionToken, context: RequestContext, now: Date): Promise<CurrentSession> {
  const { totpEnabledAt, hasPasskey, disabledAt: _disabled, ...user } = owner;
  if ((totpEnabledAt !== null || hasPasskey) && !session.mfaVerified) {
    // A TOTP or passkey user's session that never passed the second factor (e.g. a sign-in racing MFA being turned on) is not theirs.
    await store.invalidateSession(session.id, 'mfa-changed', { now, context });
    return { status: 'anonymous', reason: 'revoked', context };
  }
  return {
    status: 'authenticated',
    session,
    authLevel: readAuthLevel(session.authLevel),
    token,
    user: { ...user, totpEnabled: totpEnabledAt !== null, hasPasskey },
    context,
  };
}
