import 'server-only';
// The pending login between the first factor and the second (ADR 011), and
// only while it still leads anywhere.
import { fetchPendingLoginUser } from '../../dal/users';
import { readPendingLogin, type PendingLogin } from './pending-login';

export type CurrentPendingLogin = PendingLogin & { email: string; totpEnabled: boolean; passkeys: number };

/** The pending login, if it still leads anywhere: the user exists, has TOTP or a passkey, and changed no password since. */
export async function currentPendingLogin(now: Date = new Date()): Promise<CurrentPendingLogin | undefined> {
  const pending = await readPendingLogin(now);
  if (!pending) return undefined;
  const user = await fetchPendingLoginUser(pending.userId);
  if (!user || (!user.totpEnabledAt && user._count.passkeys === 0)) return undefined;
  if (pending.method === 'password' && user.passwordChangedAt.getTime() > pending.issuedAt) return undefined;
  return { ...pending, email: user.email, totpEnabled: user.totpEnabledAt !== null, passkeys: user._count.passkeys };
}
