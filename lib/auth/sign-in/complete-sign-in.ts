import 'server-only';
// The end of every first factor (password, SSO). Users with TOTP or a passkey go on to the
// code step carrying only a sealed, short-lived "pending login" cookie — no
// session exists yet; everyone else gets a regenerated session right away.
// docs/decisions/011-mfa-pending-login.md
import { redirect } from 'next/navigation';
import { fetchUserEmail } from '../../dal/users';
import type { RequestContext } from '../../session';
import type { ClientTrust } from '../throttle';
import { safeNextPath } from '../../http/safe-redirect';
import { establishSession } from './establish-session';
import { audit, loginThrottle } from './guard';
import { startPendingLogin } from './pending-login';
import { isKnownDeviceOf } from '../device';
import { hasUsablePasskey } from '../../dal/passkeys';
import { armPendingSsoLinkAfterSignIn, SSO_LINK_CONFIRM_PATH } from '../sso/pending-link';

export const MFA_STEP_PATH = '/login/mfa';
/** Where a sign-in refused at this late stage (account locked meanwhile) lands. */
export const SIGN_IN_BLOCKED_PATH = '/login?error=blocked';

export async function completePrimaryAuthentication(
  user: { id: string; totpEnabled: boolean },
  options: { method: 'password' | 'sso'; next: string; context: RequestContext },
): Promise<never> {
  const { method, context } = options;
  const next = safeNextPath(options.next);
  const now = new Date();
  const email = await fetchUserEmail(user.id);

  // The failure counter is left as it is: only time (or an out-of-band unlock) lowers it.
  // Only locks that bind this browser refuse it: an outsider's lock binds unfamiliar browsers alone (ADR 031).
  const trust = (await isKnownDeviceOf(user.id, now)) ? 'known-device' : 'unfamiliar';
  if (await loginThrottle.isAccountLocked(email, now, trust)) await refuseLocked(email, now, trust);
  // A passkey is a second factor too (ADR 022): its owner's password alone is not enough. A suspended one is not (ADR 032).
  if (user.totpEnabled || (await hasUsablePasskey(user.id))) {
    await startPendingLogin({ userId: user.id, method, next }, now);
    await audit({ type: 'login.pending_mfa', userId: user.id, ...context, detail: { method } });
    redirect(MFA_STEP_PATH);
  }
  const { sessionId } = await establishSession(user.id, { method, mfaVerified: false, authLevel: 'single-factor', context });
  // An SSO link waiting in this browser is never made by signing in: its owner confirms it on a page naming it (ADR 032).
  redirect((await armPendingSsoLinkAfterSignIn(user.id, method, sessionId)) ? SSO_LINK_CONFIRM_PATH : next);
}

/** Refused at this late stage (e.g. locked by parallel failures a moment ago): counted, summarised with the lock's other refusals. */
async function refuseLocked(email: string, now: Date, trust: ClientTrust): Promise<never> {
  await loginThrottle.countRefusal(email, now, trust);
  redirect(SIGN_IN_BLOCKED_PATH);
}
