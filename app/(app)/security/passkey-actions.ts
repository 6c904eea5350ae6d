'use server';
// Passkeys in the security centre. Each is a public POST endpoint that checks
// the session, a fresh authentication (step-up, ASVS 7.5) and ownership itself:
// another user's passkey id is simply "not found". Adding and removing also need
// the password and a proof of an existing factor in the same request (ADR 030).
// docs/decisions/022-passkeys.md
import { redirect } from 'next/navigation';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { requireFreshAuth } from '@/lib/dal/session';
import { formText } from '@/lib/auth/input';
import { SIGN_IN_BLOCKED, SIGN_IN_BLOCKED_PATH } from '@/lib/auth/sign-in';
import { beginFactorChangeProof, finishPasskeyRegistration, removePasskey, renamePasskey, startPasskeyRegistration, PASSKEY_NAME_MAX, type PasskeyRegistrationStart } from '@/lib/auth/passkeys';
import { readFactorProof } from './factor-proof-input';

const PASSKEY_ID_MAX = 1400;

export type PasskeyChangeState = { error?: string };

/** Options for the passkey that proves a factor change (ADR 030); null without passkeys. */
export async function beginFactorChangeProofAction(): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const current = await requireFreshAuth('/security');
  return (await beginFactorChangeProof(current)) ?? null;
}

export async function startPasskeyRegistrationAction(): Promise<PasskeyRegistrationStart | null> {
  const current = await requireFreshAuth('/security');
  return (await startPasskeyRegistration(current)) ?? null;
}

/** `formData`: name, password, code and — for an account with a passkey — passkeyAssertion; `registration`: the new passkey. */
export async function finishPasskeyRegistrationAction(registration: unknown, formData: FormData): Promise<PasskeyChangeState> {
  const current = await requireFreshAuth('/security');
  if (!(formData instanceof FormData)) return { error: 'That passkey could not be added. Try again.' };
  const proof = readFactorProof(formData, current.user);
  if ('error' in proof) return { error: proof.error };
  const name = formText(formData, 'name', PASSKEY_NAME_MAX * 2);
  const result = await finishPasskeyRegistration(current, { registration, name, proof }, current.context);
  switch (result.status) {
    case 'added':
      redirect('/security?notice=passkey-added');
    case 'limit':
      return { error: 'You have the most passkeys an account can have. Remove one first.' };
    case 'invalid':
      return { error: 'message' in result ? result.message : 'That passkey could not be added. Try again.' };
    case 'locked':
      redirect(SIGN_IN_BLOCKED_PATH); // the lock revoked every session, this one included
    case 'blocked':
      return { error: SIGN_IN_BLOCKED };
  }
}

export async function renamePasskeyAction(formData: FormData): Promise<void> {
  const current = await requireFreshAuth('/security');
  const passkeyId = formText(formData, 'passkeyId', PASSKEY_ID_MAX);
  const result = await renamePasskey(current, passkeyId, formText(formData, 'name', PASSKEY_NAME_MAX * 2), current.context);
  redirect(`/security?notice=passkey-${result}`);
}

export async function removePasskeyAction(_previous: PasskeyChangeState, formData: FormData): Promise<PasskeyChangeState> {
  const current = await requireFreshAuth('/security');
  const proof = readFactorProof(formData, current.user);
  if ('error' in proof) return { error: proof.error };
  const result = await removePasskey(current, formText(formData, 'passkeyId', PASSKEY_ID_MAX), proof, current.context);
  switch (result.status) {
    case 'removed':
    case 'not-found':
    case 'last-factor':
      redirect(`/security?notice=passkey-${result.status}`);
    case 'invalid':
      return { error: result.message };
    case 'locked':
      redirect(SIGN_IN_BLOCKED_PATH);
    case 'blocked':
      return { error: SIGN_IN_BLOCKED };
  }
}
