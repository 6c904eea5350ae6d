'use server';
import { headers } from 'next/headers';
import { env } from '@/lib/env';
import { requireFreshAuth } from '@/lib/dal/session';
import { formText } from '@/lib/auth/input';
import { redirect } from 'next/navigation';
import { SIGN_IN_BLOCKED_PATH, SIGN_IN_BLOCKED } from '@/lib/auth/sign-in';
import { changePassword } from '@/lib/auth/credentials';
import { PASSWORD_MAX_LENGTH } from '@/lib/auth/password';
import { requestContextFromHeaders } from '@/lib/http/request-context';

export type PasswordChangeState = {
  error?: string;
  field?: 'currentPassword' | 'newPassword' | 'confirmPassword';
  success?: string;
};

export async function changePasswordAction(_previous: PasswordChangeState, formData: FormData): Promise<PasswordChangeState> {
  // The action checks freshness itself: the page's check does not cover a form left open.
  const current = await requireFreshAuth('/security/password');
  const limit = PASSWORD_MAX_LENGTH + 1;
  const currentPassword = formText(formData, 'currentPassword', limit);
  const newPassword = formText(formData, 'newPassword', limit);
  const confirmPassword = formText(formData, 'confirmPassword', limit);
  if (!currentPassword) return { error: 'Enter your current password.', field: 'currentPassword' };
  if (currentPassword.length > PASSWORD_MAX_LENGTH) return { error: 'Your current password is incorrect.', field: 'currentPassword' };
  if (!newPassword) return { error: 'Enter a new password.', field: 'newPassword' };

  const context = requestContextFromHeaders(await headers(), env.TRUST_PROXY);
  const result = await changePassword(current, { currentPassword, newPassword, confirmPassword }, context);
  switch (result.status) {
    case 'changed':
      return {
        success:
          result.revokedOthers > 0
            ? `Your password was changed. ${result.revokedOthers === 1 ? 'One other session was' : `${result.revokedOthers} other sessions were`} signed out.`
            : 'Your password was changed.',
      };
    case 'locked':
      redirect(SIGN_IN_BLOCKED_PATH); // the lock revoked every session, this one included
    case 'blocked':
      return { error: SIGN_IN_BLOCKED };
    case 'invalid':
      return { error: result.message, field: result.field };
  }
}
