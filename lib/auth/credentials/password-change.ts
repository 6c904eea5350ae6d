import 'server-only';
// Changing the password: the current password (throttled like every password
// check), a new one that passes the policy, then every other session of the
// user is revoked and this one regenerated (ASVS 3.3.3 / 7.4.3).
import { fetchUserCredentials, updatePasswordHash } from '../../dal/users';
import type { RequestContext, Session } from '../../session';
import { rotateCredentialsSessions } from './credential-change';
import { audit, failAttempt, succeedAttempt, checkPasswordOf, startUserAttempt } from '../sign-in';
import { hashPassword, newPasswordProblem } from '../password';
import { issueDeviceProof } from '../device';
import { notifyUser } from '../notify';

export type PasswordChangeResult =
  | { status: 'changed'; revokedOthers: number }
  | { status: 'invalid'; field: 'currentPassword' | 'newPassword' | 'confirmPassword'; message: string }
  | { status: 'blocked' }
  /** This failure locked the account: every session, this one included, is revoked. */
  | { status: 'locked' };

export async function changePassword(
  current: { session: Session; user: { id: string; email: string } },
  input: { currentPassword: string; newPassword: string; confirmPassword: string },
  context: RequestContext,
): Promise<PasswordChangeResult> {
  // Cheap checks first: they need no password work and count toward nothing.
  const problem = newPasswordProblem(input.newPassword, { email: current.user.email });
  if (problem) return { status: 'invalid', field: 'newPassword', message: problem };
  if (input.newPassword !== input.confirmPassword) {
    return { status: 'invalid', field: 'confirmPassword', message: 'The two new passwords do not match.' };
  }

  const user = await fetchUserCredentials(current.user.id);
  if (!user) return { status: 'blocked' };
  const attempt = await startUserAttempt(user, 'password-change', context);
  if (!attempt) return { status: 'blocked' };
  if (!(await checkPasswordOf(user, input.currentPassword))) {
    const { locked } = await failAttempt(attempt);
    return locked ? { status: 'locked' } : { status: 'invalid', field: 'currentPassword', message: 'Your current password is incorrect.' };
  }
  if (!(await succeedAttempt(attempt))) return { status: 'blocked' };
  const sameAsBefore = newPasswordProblem(input.newPassword, { email: current.user.email, currentPassword: input.currentPassword });
  if (sameAsBefore) return { status: 'invalid', field: 'newPassword', message: sameAsBefore };

  const now = new Date();
  await updatePasswordHash(user.id, await hashPassword(input.newPassword), now);
  const { session, revokedOthers } = await rotateCredentialsSessions(current.session, {
    reason: 'password-changed',
    mfaVerified: current.session.mfaVerified,
    context,
  });
  // The new passwordChangedAt revoked every device proof; this browser just proved the password.
  await issueDeviceProof(user.id, now);
  await audit({ type: 'password.changed', userId: user.id, sessionId: session.id, ...context, detail: { revokedOthers } });
  notifyUser(user.id, { kind: 'password-changed', by: 'security-centre' }, { now });
  return { status: 'changed', revokedOthers };
}
