import 'server-only';
// Session regeneration, shared by every way of signing in (password, MFA step,
// SSO, re-authentication): whatever session the incoming cookie named is
// revoked, and a brand-new one is created. A cookie planted before login
// (session fixation) is worthless afterwards. The browser also gets (or renews)
// its device proof for this user (ADR 031); a browser that had none is a new
// device, and the owner is told by mail (ADR 047).
import { cookies } from 'next/headers';
import { recordSecurityEvent } from '../../dal/security-events';
import { issueDeviceProof } from '../device';
import { notifyUser, signInNotice } from '../notify';
import {
  SESSION_COOKIE_NAME,
  sessionStore,
  sessionSealer,
  setSessionCookie,
  type RequestContext,
} from '../../session';
import type { AuthLevel } from '../../session/auth-level';

export type SignInMethod = 'password' | 'totp' | 'recovery-code' | 'sso' | 'reauth' | 'passkey';

export async function establishSession(
  userId: string,
  /** `authLevel`: how this authentication was made, recorded on the session (ADR 030). */
  options: { method: SignInMethod; mfaVerified: boolean; authLevel: AuthLevel; context: RequestContext },
): Promise<{ sessionId: string }> {
  const store = await cookies();
  const now = new Date();
  const incoming = store.get(SESSION_COOKIE_NAME)?.value;
  if (incoming) {
    const unsealed = await sessionSealer.unsealSessionToken(incoming, now);
    if (unsealed.ok) await sessionStore.invalidateSession(unsealed.token.id, 'login-replaced', { now, context: options.context });
  }
  const { session, token } = await sessionStore.createSession(userId, {
    mfaVerified: options.mfaVerified,
    authLevel: options.authLevel,
    context: options.context,
    now,
  });
  setSessionCookie(store, await sessionSealer.sealSessionToken(token, now));
  const knownDevice = await issueDeviceProof(userId, now);
  // A browser that held no current proof for this user is a new device: the owner hears of it after the response (ADR 047).
  const notice = signInNotice({ method: options.method, knownDevice, context: options.context });
  if (notice) notifyUser(userId, notice, { now });
  await recordSecurityEvent({
    type: options.method === 'reauth' ? 'reauth.success' : 'login.success',
    userId,
    sessionId: session.id,
    ...options.context,
    detail: { method: options.method, level: options.authLevel },
  });
  return { sessionId: session.id };
}
