'use server';
// The profile's two forms (ADR 045): send the verification link again, and invite someone.
import { after } from 'next/server';
import { env } from '@/lib/env';
import { requireUser } from '@/lib/dal/session';
import { formText } from '@/lib/auth/input';
import { INVITATION_SENT, INVITATIONS_LIMITED, INVITATIONS_OFF, inviteAddress, resendVerification } from '@/lib/auth/sign-up';

export type ProfileFormState = { done?: string; error?: string };

export async function resendVerificationAction(): Promise<ProfileFormState> {
  const { user, context } = await requireUser();
  const result = await resendVerification(user, context, { origin: env.relyingParty.origin, schedule: (work) => after(work) });
  switch (result.status) {
    case 'sent':
      return { done: `We've sent a new link to ${user.email}. It works once, for 24 hours.` };
    case 'already-verified':
      return { done: 'Your email address is already verified.' };
    case 'limited':
      return { error: 'We sent you several links recently. Check your inbox (and your spam folder), or try again in 15 minutes.' };
  }
}

export async function inviteAction(_previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const { user, context } = await requireUser();
  const email = formText(formData, 'email', 300);
  const result = await inviteAddress(email, { userId: user.id }, context, { mode: env.SIGN_UP, origin: env.relyingParty.origin, schedule: (work) => after(work) });
  switch (result.status) {
    case 'sent':
      return { done: INVITATION_SENT };
    case 'limited':
      return { error: INVITATIONS_LIMITED };
    case 'off':
      return { error: INVITATIONS_OFF };
    case 'invalid':
      return { error: result.message };
  }
}
