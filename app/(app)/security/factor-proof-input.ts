import 'server-only';
// What a factor-change form sends as proof (ADR 030): the current password, a
// code, and — from the browser's passkey dialog — an assertion as JSON. Bounded
// before anything is parsed; anything odd is simply "no proof".
import { formText } from '@/lib/auth/input';
import { MAX_CODE_INPUT } from '@/lib/auth/mfa';
import type { FactorChangeInput } from '@/lib/auth/credentials';

/** The password bound of every form (argon2 input). */
export const MAX_PASSWORD_INPUT = 1024;
const MAX_ASSERTION_INPUT = 16_384;

export function parsePasskeyAssertion(value: unknown): unknown {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ASSERTION_INPUT) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** `user`: the factors the account has, so that a missing proof is a prompt, not a counted failure. */
export function readFactorProof(formData: FormData, user: { totpEnabled: boolean; hasPasskey: boolean }): FactorChangeInput | { error: string } {
  const password = formText(formData, 'password', MAX_PASSWORD_INPUT + 1);
  if (!password) return { error: 'Enter your current password.' };
  if (password.length > MAX_PASSWORD_INPUT) return { error: 'Your password is incorrect.' };
  const code = formText(formData, 'code', MAX_CODE_INPUT + 1).trim();
  if (code.length > MAX_CODE_INPUT) return { error: 'That code is not valid.' };
  const passkeyAssertion = parsePasskeyAssertion(formText(formData, 'passkeyAssertion', MAX_ASSERTION_INPUT + 1));
  if (user.totpEnabled && !code && passkeyAssertion === undefined) return { error: 'Enter a code from your authenticator app, or a recovery code.' };
  if (user.hasPasskey && !user.totpEnabled && passkeyAssertion === undefined) return { error: 'Confirm this change with your passkey.' };
  return { password, code, passkeyAssertion };
}
