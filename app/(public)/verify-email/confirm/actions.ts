'use server';
// "Verify email address": lib/auth/sign-up/verification.ts does the work, for the signed-in owner.
// Verified, the browser goes to the profile, which says so (this page has no link left to show).
import { redirect } from 'next/navigation';
import { clearLinkCookie, readLinkCookie } from '@/lib/auth/email-token';
import { VERIFY_COOKIE, VERIFY_LINK_INVALID, VERIFY_OTHER_ACCOUNT, verifyEmail } from '@/lib/auth/sign-up';
import { requireUser } from '@/lib/dal/session';

export type VerifyEmailState = { error?: string };

export async function verifyEmailAction(): Promise<VerifyEmailState> {
  const { user, context } = await requireUser();
  const result = await verifyEmail(await readLinkCookie(VERIFY_COOKIE), user.id, context);
  if (result.status === 'other-account') return { error: VERIFY_OTHER_ACCOUNT };
  await clearLinkCookie(VERIFY_COOKIE);
  if (result.status === 'verified') redirect('/profile?email=verified');
  return { error: VERIFY_LINK_INVALID };
}
