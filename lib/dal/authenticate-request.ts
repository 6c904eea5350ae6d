// The data access layer's check of one request, without Next.js: given the
// request's session cookie and headers, who is this? lib/dal/session.ts feeds
// it from next/headers once per request (React cache()); the statement-count
// test (authenticate-request.test.ts) runs it against a real database.
// On the hot path it costs one database read — the session row with its
// owner's display fields (lib/session/session-read.ts, ADR 023) — and at most
// one write per touch interval. Nothing is cached across requests: a
// revocation is seen by the very next request on every instance.
import type { SessionEngine } from '../session/engine';
import type { createRequestStamper } from '../session/request-stamp';
import type { SessionSealer } from '../session/seal';
import { isPrefetchRequest } from '../http/prefetch';
import { requestContextFromHeaders } from '../http/request-context';
import { signedOutReason, type SignedOutReason } from '../session/signed-out-reason';
import type { RequestContext, Session, SessionToken } from '../session/engine';
import { readAuthLevel, type AuthLevel } from '../session/auth-level';

/** `totpEnabled`, `hasPasskey`: the second factors the user has (ADR 022/030). */
export type SessionUser = { id: string; email: string; name: string; totpEnabled: boolean; hasPasskey: boolean };

export type CurrentSession =
  /** `authLevel`: how this session's last authentication was made (ADR 030), never read higher than recorded. */
  | { status: 'authenticated'; session: Session; authLevel: AuthLevel; token: SessionToken; user: SessionUser; context: RequestContext }
  | { status: 'anonymous'; reason: SignedOutReason; context: RequestContext };

/** What one request's check found: a current session, none, or a stale secret the browser should send again with its newest cookie (ADR 035). */
export type Authentication = CurrentSession | { status: 'retry'; context: RequestContext };

export type AuthenticationDeps = {
  engine: SessionEngine;
  sealer: SessionSealer;
  stamper: ReturnType<typeof createRequestStamper>;
  trustProxy: boolean;
  /** The opportunistic purge of dead rows (in the background, at most once per interval). */
  sweep?: (now: Date) => void;
};

type HeaderReader = { get(name: string): string | null };

export type RequestInput = { cookieValue: string | undefined; headers: HeaderReader; stampHeader: string; touch: boolean };

export async function authenticateRequest(deps: AuthenticationDeps, input: RequestInput, now: Date = new Date()): Promise<Authentication> {
  const context = requestContextFromHeaders(input.headers, deps.trustProxy);
  const { cookieValue } = input;
  if (!cookieValue) return { status: 'anonymous', reason: 'none', context };

  const unsealed = await deps.sealer.unsealSessionToken(cookieValue, now);
  if (!unsealed.ok) return { status: 'anonymous', reason: unsealed.reason === 'expired' ? 'expired' : 'none', context };

  deps.sweep?.(now);
  const stamp = deps.stamper.readStamp(input.headers.get(input.stampHeader), cookieValue, now);
  // Fetching ahead is not activity. Next hides its router headers from the app;
  // middleware saw them (and a forged "prefetch" could only keep a session from being extended).
  const touch = input.touch && !(stamp?.prefetch ?? isPrefetchRequest(input.headers));
  const result = await deps.engine.validateSessionToken(
    unsealed.token,
    { touch, confirm: !stamp?.delivered, arrivedAt: stamp?.arrivedAt, vouched: stamp?.vouched, context },
    now,
  );
  switch (result.status) {
    case 'valid':
    case 'rotate':
    case 'resend': {
      // Rotating and re-sending happen in middleware, which can set cookies;
      // here the session is simply valid. Its owner came with it (one read).
      const { totpEnabledAt, hasPasskey, ...owner } = result.owner;
      if ((totpEnabledAt !== null || hasPasskey) && !result.session.mfaVerified) {
        // A TOTP or passkey user's session that never passed the second factor (e.g. a sign-in racing MFA being turned on) is not theirs.
        await deps.engine.invalidateSession(result.session.id, 'mfa-changed', { now, context });
        return { status: 'anonymous', reason: 'revoked', context };
      }
      return {
        status: 'authenticated',
        session: result.session,
        authLevel: readAuthLevel(result.session.authLevel),
        token: unsealed.token,
        user: { ...owner, totpEnabled: totpEnabledAt !== null, hasPasskey },
        context,
      };
    }
    case 'retry':
      return { status: 'retry', context };
    default:
      return { status: 'anonymous', reason: signedOutReason(result), context };
  }
}
