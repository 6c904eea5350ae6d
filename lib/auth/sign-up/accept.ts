import 'server-only';
// Accepting an invitation (ADR 045; invitation.ts mails them): the link proves
// the mailbox, so accepting sets the name and password, marks the address
// verified, and ends every session of the account — if someone else signed up
// with this address first, they lose it. Spent by a guarded update: of two
// racing requests with one link, one wins.
import { consumeEmailToken } from '../../dal/email-tokens';
import { recordSecurityEvent } from '../../dal/security-events';
import { setInvitedAccount } from '../../dal/sign-up';
import { sessionStore, type RequestContext } from '../../session';
import { redeemableEmailToken } from '../email-token/link';
import type { LinkCookie } from '../email-token/link-cookie';
import { hashPassword, newPasswordProblem } from '../password';
import { INVITATION_TTL_MS } from './invitation';
import { accountNameProblem } from './settings';

export const INVITATION_COOKIE: LinkCookie = { name: '__Host-invitation', ttlMs: INVITATION_TTL_MS, page: '/accept-invitation/new' };
export const INVITATION_LINK_INVALID = 'This invitation has expired or has already been used. Ask for a new one.';

/** What the accept page shows for this link: the form (with the address it was sent to), or why not. */
export async function inspectInvitation(value: string | undefined, now: Date = new Date()): Promise<{ status: 'valid'; email: string } | { status: 'invalid' }> {
  const token = await redeemableEmailToken(value, 'invitation', now);
  return token ? { status: 'valid', email: token.userEmail } : { status: 'invalid' };
}

export type AcceptField = 'name' | 'password' | 'confirmPassword';
export type AcceptResult = { status: 'accepted' } | { status: 'invalid-link' } | { status: 'invalid'; field: AcceptField; message: string };

export async function acceptInvitation(
  input: { token: string | undefined; name: string; password: string; confirmPassword: string },
  context: RequestContext,
  now: Date = new Date(),
): Promise<AcceptResult> {
  const token = await redeemableEmailToken(input.token, 'invitation', now);
  if (!token) return { status: 'invalid-link' };
  const name = input.name.trim();
  const nameProblem = accountNameProblem(name);
  if (nameProblem) return { status: 'invalid', field: 'name', message: nameProblem };
  const passwordProblem = newPasswordProblem(input.password, { email: token.userEmail });
  if (passwordProblem) return { status: 'invalid', field: 'password', message: passwordProblem };
  if (input.password !== input.confirmPassword) return { status: 'invalid', field: 'confirmPassword', message: 'The two passwords do not match.' };
  const passwordHash = await hashPassword(input.password);
  if (!(await consumeEmailToken(token.id, 'invitation', now))) return { status: 'invalid-link' }; // another request with this link won
  await setInvitedAccount(token.userId, { name, passwordHash, now });
  const endedSessions = await sessionStore.invalidateUserSessions(token.userId, 'password-changed', { now, context });
  await recordSecurityEvent({ type: 'invitation.accepted', userId: token.userId, ...context, detail: { endedSessions } });
  await recordSecurityEvent({ type: 'email.verified', userId: token.userId, ...context, detail: { via: 'invitation' } });
  return { status: 'accepted' };
}
