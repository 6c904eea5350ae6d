import 'server-only';
// After a credential change (password, MFA on or off): every other session of
// the user is revoked — whoever else held one authenticated with the old
// credentials — and the current one is regenerated, so the cookie this browser
// carried before the change is worthless too (DESIGN "Lifecycle").
import { cookies } from 'next/headers';
import {
  sessionStore,
  sessionSealer,
  setSessionCookie,
  type RequestContext,
  type Session,
} from '../../session';
import type { RevocationReason } from '../../session/store';

export async function rotateCredentialsSessions(
  current: Session,
  options: { reason: Extract<RevocationReason, 'password-changed' | 'mfa-changed' | 'passkey-changed'>; mfaVerified: boolean; context: RequestContext },
): Promise<{ session: Session; revokedOthers: number }> {
  const now = new Date();
  const revokedOthers = await sessionStore.invalidateUserSessions(current.userId, options.reason, {
    exceptSessionId: current.id,
    now,
    context: options.context,
  });
  const { session, token } = await sessionStore.regenerateSession(current, {
    mfaVerified: options.mfaVerified,
    context: options.context,
    now,
  });
  setSessionCookie(await cookies(), await sessionSealer.sealSessionToken(token, now));
  return { session, revokedOthers };
}
