'use server';
// The TOTP step: see lib/auth/sign-in/mfa-step.ts.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { env } from '@/lib/env';
import { formText } from '@/lib/auth/input';
import { SIGN_IN_BLOCKED_PATH, INVALID_CODE, completeMfaStep } from '@/lib/auth/sign-in';
import { MAX_CODE_INPUT, SECOND_FACTOR_UNAVAILABLE } from '@/lib/auth/mfa';
import { requestContextFromHeaders } from '@/lib/http/request-context';

export type MfaState = { error?: string; warning?: string };

export async function verifyMfaCode(_previous: MfaState, formData: FormData): Promise<MfaState> {
  const code = formText(formData, 'code', MAX_CODE_INPUT).trim();
  if (!code) return { error: 'Enter the code from your authenticator app, or a recovery code.' };
  if (code.length > MAX_CODE_INPUT) return { error: INVALID_CODE };

  const context = requestContextFromHeaders(await headers(), env.TRUST_PROXY);
  const result = await completeMfaStep(code, context);
  switch (result.status) {
    case 'signed-in':
      redirect(result.next);
    case 'restart':
      redirect('/login?reason=mfa-expired');
    case 'blocked':
      // The pending login is gone with the lock; the login page says only this.
      redirect(SIGN_IN_BLOCKED_PATH);
    case 'invalid':
      return { error: INVALID_CODE, warning: result.warning };
    case 'unavailable':
      return { error: SECOND_FACTOR_UNAVAILABLE };
  }
}
