'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { env } from '@/lib/env';
import { requireFreshAuth } from '@/lib/dal/session';
import { formText } from '@/lib/auth/form-input';
import { SIGN_IN_BLOCKED_PATH } from '@/lib/auth/complete-sign-in';
import { SIGN_IN_BLOCKED } from '@/lib/auth/guard';
import { cancelTotpSetup, confirmTotpSetup, disableTotp, startTotpSetup } from '@/lib/auth/mfa-settings';
import { MAX_CODE_INPUT } from '@/lib/auth/second-factor';
import { requestContextFromHeaders } from '@/lib/http/request-context';

const PAGE = '/security/mfa';

export type MfaSettingsState = { error?: string; recoveryCodes?: string[]; message?: string };

export async function startSetupAction(): Promise<void> {
  const { user } = await requireFreshAuth(PAGE);
  await startTotpSetup(user.id);
  redirect(PAGE);
}

export async function cancelSetupAction(): Promise<void> {
  const { user } = await requireFreshAuth(PAGE);
  await cancelTotpSetup(user.id);
  redirect(PAGE);
}

export async function confirmSetupAction(_previous: MfaSettingsState, formData: FormData): Promise<MfaSettingsState> {
  const current = await requireFreshAuth(PAGE);
  const code = formText(formData, 'code', MAX_CODE_INPUT).trim();
  if (!code) return { error: 'Enter the 6-digit code your app shows.' };
  const context = requestContextFromHeaders(await headers(), env.TRUST_PROXY);
  const result = await confirmTotpSetup(current, code, context);
  switch (result.status) {
    case 'enabled':
      return { recoveryCodes: result.recoveryCodes };
    case 'invalid':
      return { error: result.message };
    case 'no-setup':
      return { error: 'This setup is no longer current. Start again.' };
  }
}

export async function disableAction(_previous: MfaSettingsState, formData: FormData): Promise<MfaSettingsState> {
  const current = await requireFreshAuth(PAGE);
  const code = formText(formData, 'code', MAX_CODE_INPUT).trim();
  if (!code) return { error: 'Enter a code from your authenticator app, or a recovery code.' };
  if (code.length > MAX_CODE_INPUT) return { error: 'That code is not valid.' };
  const context = requestContextFromHeaders(await headers(), env.TRUST_PROXY);
  const result = await disableTotp(current, code, context);
  switch (result.status) {
    case 'disabled':
      return { message: 'Two-step verification is off. Your other sessions were signed out.' };
    case 'not-enabled':
      return { message: 'Two-step verification is already off.' };
    case 'locked':
      redirect(SIGN_IN_BLOCKED_PATH); // the lock revoked every session, this one included
    case 'blocked':
      return { error: SIGN_IN_BLOCKED };
    case 'invalid':
      return { error: result.message };
  }
}
