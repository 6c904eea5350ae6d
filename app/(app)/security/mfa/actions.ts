'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { env } from '@/lib/env';
import { requireFreshAuth } from '@/lib/dal/session';
import { formText } from '@/lib/auth/input';
import { SIGN_IN_BLOCKED_PATH, SIGN_IN_BLOCKED } from '@/lib/auth/sign-in';
import { MFA_PASSWORD_FAILED, cancelTotpSetup, confirmTotpSetup, disableTotp, startTotpSetup } from '@/lib/auth/credentials';
import { MAX_CODE_INPUT } from '@/lib/auth/mfa';
import { requestContextFromHeaders } from '@/lib/http/request-context';
import { parsePasskeyAssertion } from '../factor-proof-input';

const PAGE = '/security/mfa';
/** Same bound as the login form: long enough for any passphrase, short enough for argon2. */
const MAX_PASSWORD_INPUT = 1024;

export type MfaSettingsState = { error?: string; recoveryCodes?: string[]; message?: string };

const requestContext = async () => requestContextFromHeaders(await headers(), env.TRUST_PROXY);

/** Password and code from an MFA form; a friendly message when one is missing or absurd. */
function readCredentials(formData: FormData, missingCode: string): { password: string; code: string } | { error: string } {
  const password = formText(formData, 'password', MAX_PASSWORD_INPUT + 1);
  const code = formText(formData, 'code', MAX_CODE_INPUT + 1).trim();
  if (!password) return { error: 'Enter your current password.' };
  if (password.length > MAX_PASSWORD_INPUT) return { error: MFA_PASSWORD_FAILED };
  if (!code) return { error: missingCode };
  if (code.length > MAX_CODE_INPUT) return { error: 'That code is not valid.' };
  return { password, code };
}

export async function startSetupAction(): Promise<void> {
  const { user } = await requireFreshAuth(PAGE);
  await startTotpSetup(user.id, await requestContext());
  redirect(PAGE);
}

export async function cancelSetupAction(): Promise<void> {
  const { user } = await requireFreshAuth(PAGE);
  await cancelTotpSetup(user.id, await requestContext());
  redirect(PAGE);
}

export async function confirmSetupAction(_previous: MfaSettingsState, formData: FormData): Promise<MfaSettingsState> {
  const current = await requireFreshAuth(PAGE);
  const input = readCredentials(formData, 'Enter the 6-digit code your app shows.');
  if ('error' in input) return { error: input.error };
  // An account with a passkey proves it too, in this same request (ADR 030).
  const passkeyAssertion = parsePasskeyAssertion(formData.get('passkeyAssertion'));
  if (current.user.hasPasskey && passkeyAssertion === undefined) return { error: 'Confirm this change with your passkey.' };
  const result = await confirmTotpSetup(current, { ...input, passkeyAssertion }, await requestContext());
  switch (result.status) {
    case 'enabled':
      return { recoveryCodes: result.recoveryCodes };
    case 'invalid':
      return { error: result.message };
    case 'locked':
      redirect(SIGN_IN_BLOCKED_PATH); // the lock revoked every session, this one included
    case 'blocked':
      return { error: SIGN_IN_BLOCKED };
    case 'no-setup':
      return { error: 'This setup is no longer current. Start again.' };
  }
}

export async function disableAction(_previous: MfaSettingsState, formData: FormData): Promise<MfaSettingsState> {
  const current = await requireFreshAuth(PAGE);
  const input = readCredentials(formData, 'Enter a code from your authenticator app, or a recovery code.');
  if ('error' in input) return { error: input.error };
  const result = await disableTotp(current, input, await requestContext());
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
