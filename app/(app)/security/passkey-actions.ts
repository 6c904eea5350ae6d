'use server';
// Passkeys in the security centre. Each is a public POST endpoint that checks
// the session, a fresh authentication (step-up, ASVS 7.5) and ownership itself:
// another user's passkey id is simply "not found". docs/decisions/022-passkeys.md
import { redirect } from 'next/navigation';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { requireFreshAuth } from '@/lib/dal/session';
import { formText } from '@/lib/auth/input';
import { finishPasskeyRegistration, removePasskey, renamePasskey, startPasskeyRegistration, PASSKEY_NAME_MAX } from '@/lib/auth/passkeys';

const PASSKEY_ID_MAX = 1400;

export async function startPasskeyRegistrationAction(): Promise<PublicKeyCredentialCreationOptionsJSON | null> {
  const current = await requireFreshAuth('/security');
  return (await startPasskeyRegistration(current)) ?? null;
}

export async function finishPasskeyRegistrationAction(response: unknown, name: unknown): Promise<{ error?: string }> {
  const current = await requireFreshAuth('/security');
  const requested = typeof name === 'string' ? name.slice(0, PASSKEY_NAME_MAX * 2) : undefined;
  const result = await finishPasskeyRegistration(current, response, requested, current.context);
  switch (result.status) {
    case 'added':
      redirect('/security?notice=passkey-added');
    case 'limit':
      return { error: 'You have the most passkeys an account can have. Remove one first.' };
    case 'invalid':
      return { error: 'That passkey could not be added. Try again.' };
  }
}

export async function renamePasskeyAction(formData: FormData): Promise<void> {
  const current = await requireFreshAuth('/security');
  const passkeyId = formText(formData, 'passkeyId', PASSKEY_ID_MAX);
  const result = await renamePasskey(current, passkeyId, formText(formData, 'name', PASSKEY_NAME_MAX * 2), current.context);
  redirect(`/security?notice=passkey-${result}`);
}

export async function removePasskeyAction(formData: FormData): Promise<void> {
  const current = await requireFreshAuth('/security');
  const passkeyId = formText(formData, 'passkeyId', PASSKEY_ID_MAX);
  const result = await removePasskey(current, passkeyId, current.context);
  redirect(`/security?notice=passkey-${result}`);
}
