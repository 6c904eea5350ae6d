'use server';
// "Verify email address": lib/auth/sign-up/verification.ts does the work, for the signed-in owner.
import { clearLinkCookie, readLinkCookie } from '@/lib/auth/email-token';
import { VERIFY_COOKIE, VERIFY_LINK_INVALID, VERIFY_OTHER_ACCOUNT, verifyEmail } from '@/lib/auth/sign-up';
import { requireUser } from '@/lib/dal/session';

export type VerifyEmailState = { error?: string; verified?: boolean };

export async function verifyEmailAction(): Promise<VerifyEmailState> {
  const { user, context } = await requireUser();
  const result = await verifyEmail(await readLinkCookie(VERIFY_COOKIE), user.id, context);
  if (result.status === 'other-account') return { error: VERIFY_OTHER_ACCOUNT };
  await clearLinkCookie(VERIFY_COOKIE);
  return result.status === 'verified' ? { verified: true } : { error: VERIFY_LINK_INVALID };
}
