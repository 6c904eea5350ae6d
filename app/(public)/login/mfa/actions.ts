'use server';
// The TOTP step: see lib/auth/sign-in/mfa-step.ts.
import { headers } from 'next/headers';
import { env } from '@/lib/env';
import { formText } from '@/lib/auth/input';
import { INVALID_CODE, completeMfaStep } from '@/lib/auth/sign-in';
import { MAX_CODE_INPUT, SECOND_FACTOR_UNAVAILABLE } from '@/lib/auth/mfa';
import { requestContextFromHeaders } from '@/lib/http/request-context';
import { leaveSecondFactorStep } from './leave-second-factor';

export type MfaState = { error?: string; warning?: string };

export async function verifyMfaCode(_previous: MfaState, formData: FormData): Promise<MfaState> {
  const code = formText(formData, 'code', MAX_CODE_INPUT).trim();
  if (!code) return { error: 'Enter the code from your authenticator app, or a recovery code.' };
  if (code.length > MAX_CODE_INPUT) return { error: INVALID_CODE };

  const context = requestContextFromHeaders(await headers(), env.TRUST_PROXY);
  const result = leaveSecondFactorStep(await completeMfaStep(code, context));
  return result.status === 'invalid' ? { error: INVALID_CODE, warning: result.warning } : { error: SECOND_FACTOR_UNAVAILABLE };
}
