'use server';
// "Send reset link": the same answer for every email (lib/auth/password-reset/request.ts).
import { after } from 'next/server';
import { headers } from 'next/headers';
import { env } from '@/lib/env';
import { formText } from '@/lib/auth/input';
import { RESET_REQUEST_LIMITED, RESET_REQUESTED, requestPasswordReset } from '@/lib/auth/password-reset';
import { requestContextFromHeaders } from '@/lib/http/request-context';
import type { EmailRequestState } from '@/app/ui/email-request-form';

export type ForgotPasswordState = EmailRequestState;

export async function sendResetLink(_previous: ForgotPasswordState, formData: FormData): Promise<ForgotPasswordState> {
  const email = formText(formData, 'email', 300).trim();
  if (!email) return { error: 'Enter your email address.' };
  if (email.length > 254) return { error: 'That email address is too long.' };
  const context = requestContextFromHeaders(await headers(), env.TRUST_PROXY);
  const result = await requestPasswordReset(email, context, { origin: env.relyingParty.origin, schedule: (work) => after(work) });
  return result.status === 'limited' ? { error: RESET_REQUEST_LIMITED } : { done: RESET_REQUESTED };
}
