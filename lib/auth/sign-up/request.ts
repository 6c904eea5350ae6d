import 'server-only';
// "Create account" at /sign-up (ADR 045): whatever the email, the same page,
// status and timing. Before the response there is only checking the form
// (the same rules for every email) and the per-address throttle slot (the
// same one "Forgot password?" takes); finding the account, hashing the
// password, creating the account and mailing happen after it (`schedule`).
// A new address gets an unverified account and a verification link; an
// address that has an account gets no account and no link — its owner gets a
// "someone tried to sign up with your address" mail (a few per hour at most).
import { recordSecurityEvent } from '../../dal/security-events';
import { countUserEventsSince, createUnverifiedUser, findSignUpAccount, type SignUpAccount } from '../../dal/sign-up';
import { sendMail, signUpExistingAccountMail } from '../../mail';
import type { RequestContext } from '../../session';
import { normalizeEmail } from '../input';
import { hashPassword, newPasswordProblem } from '../password';
import { takeAddressSlot } from '../sign-in';
import { accountNameProblem, emailAddressProblem, signUpIsOpen, type SignUpMode } from './settings';
import { issueVerificationLink, mailVerificationLink } from './verification';

/** The one answer to a sign-up, for every email. */
export const SIGN_UP_REQUESTED =
  "Thanks. We've emailed a link to that address: open it to verify your email, then sign in. If the address already has an account, we've emailed its owner instead.";
export const SIGN_UP_LIMITED = 'Too many requests from your network. Try again later.';
export const SIGN_UP_CLOSED = 'Sign-up is closed. Ask someone with an account to invite you.';

/** "Someone tried to sign up with your address" mails one account receives per window at most. */
export const MAX_EXISTING_NOTICES_PER_WINDOW = 3;
export const EXISTING_NOTICE_WINDOW_MS = 60 * 60_000;

export type SignUpInput = { name: string; email: string; password: string; confirmPassword: string };
export type SignUpField = 'name' | 'email' | 'password' | 'confirmPassword';
export type SignUpResult =
  | { status: 'requested' }
  | { status: 'limited' }
  | { status: 'closed' }
  | { status: 'invalid'; field: SignUpField; message: string };

export async function requestSignUp(
  input: SignUpInput,
  context: RequestContext,
  options: { mode: SignUpMode; origin: string; schedule: (work: () => Promise<void>) => void; now?: Date },
): Promise<SignUpResult> {
  if (!signUpIsOpen(options.mode)) return { status: 'closed' };
  const now = options.now ?? new Date();
  const name = input.name.trim();
  const email = normalizeEmail(input.email);
  const nameProblem = accountNameProblem(name);
  if (nameProblem) return { status: 'invalid', field: 'name', message: nameProblem };
  const emailProblem = emailAddressProblem(email);
  if (emailProblem) return { status: 'invalid', field: 'email', message: emailProblem };
  const passwordProblem = newPasswordProblem(input.password, { email });
  if (passwordProblem) return { status: 'invalid', field: 'password', message: passwordProblem };
  if (input.password !== input.confirmPassword) return { status: 'invalid', field: 'confirmPassword', message: 'The two passwords do not match.' };
  if (!(await takeAddressSlot(context, now))) return { status: 'limited' };
  const password = input.password;
  options.schedule(() => createOrNotify({ name, email, password }, context, options.origin, now));
  return { status: 'requested' };
}

/** After the response: the account and its verification mail, or the owner's notice. Never throws. */
async function createOrNotify(input: { name: string; email: string; password: string }, context: RequestContext, origin: string, now: Date): Promise<void> {
  try {
    const existing = await findSignUpAccount(input.email);
    const created = existing ? null : await createUnverifiedUser({ name: input.name, email: input.email, passwordHash: await hashPassword(input.password), now });
    if (!created) {
      // Taken before, or by a sign-up racing this one.
      const owner = existing ?? (await findSignUpAccount(input.email));
      if (owner) await notifyOwner(owner, context, origin, now);
      return;
    }
    await recordSecurityEvent({ type: 'signup.created', userId: created.id, ...context, detail: { via: 'sign-up' } });
    await mailVerificationLink(created, await issueVerificationLink(created, origin, now), context);
  } catch (error) {
    console.error('[sign-up] creating the account failed', error instanceof Error ? error.message : error);
  }
}

async function notifyOwner(owner: SignUpAccount, context: RequestContext, origin: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - EXISTING_NOTICE_WINDOW_MS);
  if ((await countUserEventsSince(owner.id, 'signup.existing_address', since)) >= MAX_EXISTING_NOTICES_PER_WINDOW) return;
  await recordSecurityEvent({ type: 'signup.existing_address', userId: owner.id, ...context });
  await sendMail(owner.email, signUpExistingAccountMail({ origin }));
}
