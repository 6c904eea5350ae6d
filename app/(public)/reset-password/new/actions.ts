'use server';
// "Reset password": lib/auth/password-reset/complete.ts does the work.
import { after } from 'next/server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { env } from '@/lib/env';
import { formText } from '@/lib/auth/input';
import { MAX_CODE_INPUT, SECOND_FACTOR_UNAVAILABLE } from '@/lib/auth/mfa';
import { PASSWORD_MAX_LENGTH } from '@/lib/auth/password';
import { clearResetCookie, completePasswordReset, readResetCookie, RESET_LINK_INVALID, RESET_NEEDS_PASSKEY } from '@/lib/auth/password-reset';
import { SIGN_IN_BLOCKED } from '@/lib/auth/sign-in';
import { requestContextFromHeaders } from '@/lib/http/request-context';

export type ResetPasswordState = { error?: string; warning?: string; field?: 'newPassword' | 'confirmPassword' | 'code'; linkInvalid?: boolean };

export async function resetPasswordAction(_previous: ResetPasswordState, formData: FormData): Promise<ResetPasswordState> {
  const newPassword = formText(formData, 'newPassword', PASSWORD_MAX_LENGTH + 1);
  const confirmPassword = formText(formData, 'confirmPassword', PASSWORD_MAX_LENGTH + 1);
  const code = formText(formData, 'code', MAX_CODE_INPUT + 1);
  const context = requestContextFromHeaders(await headers(), env.TRUST_PROXY);
  const result = await completePasswordReset({ token: await readResetCookie(), newPassword, confirmPassword, code }, context, {
    schedule: (work) => after(work),
  });
  switch (result.status) {
    case 'reset':
      await clearResetCookie();
      redirect('/login?reason=password-reset');
    case 'invalid-link':
      await clearResetCookie();
      return { error: RESET_LINK_INVALID, linkInvalid: true };
    case 'passkey-only':
      return { error: RESET_NEEDS_PASSKEY, linkInvalid: true };
    case 'invalid':
      return { error: result.message, warning: result.warning, field: result.field };
    case 'blocked':
      return { error: SIGN_IN_BLOCKED };
    case 'unavailable':
      return { error: SECOND_FACTOR_UNAVAILABLE };
  }
}
