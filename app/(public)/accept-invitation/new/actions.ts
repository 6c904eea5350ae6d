'use server';
// "Create account" behind an invitation link: lib/auth/sign-up/accept.ts does the work.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { env } from '@/lib/env';
import { clearLinkCookie, readLinkCookie } from '@/lib/auth/email-token';
import { formText } from '@/lib/auth/input';
import { PASSWORD_MAX_LENGTH } from '@/lib/auth/password';
import { acceptInvitation, INVITATION_COOKIE, INVITATION_LINK_INVALID, type AcceptField } from '@/lib/auth/sign-up';
import { requestContextFromHeaders } from '@/lib/http/request-context';

export type AcceptInvitationState = { error?: string; field?: AcceptField; linkInvalid?: boolean; name?: string };

export async function acceptInvitationAction(_previous: AcceptInvitationState, formData: FormData): Promise<AcceptInvitationState> {
  const input = {
    name: formText(formData, 'name', 300),
    password: formText(formData, 'password', PASSWORD_MAX_LENGTH + 1),
    confirmPassword: formText(formData, 'confirmPassword', PASSWORD_MAX_LENGTH + 1),
  };
  const context = requestContextFromHeaders(await headers(), env.TRUST_PROXY);
  const result = await acceptInvitation({ token: await readLinkCookie(INVITATION_COOKIE), ...input }, context);
  switch (result.status) {
    case 'accepted':
      await clearLinkCookie(INVITATION_COOKIE);
      redirect('/login?reason=invitation-accepted');
    case 'invalid-link':
      await clearLinkCookie(INVITATION_COOKIE);
      return { error: INVITATION_LINK_INVALID, linkInvalid: true };
    case 'invalid':
      return { error: result.message, field: result.field, name: input.name.slice(0, 100) };
  }
}
