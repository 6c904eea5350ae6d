'use server';
// The passkey as second factor: see lib/auth/passkeys/passkey-second-factor.ts.
import { headers } from 'next/headers';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { env } from '@/lib/env';
import { beginPasskeySecondFactor, completePasskeySecondFactor } from '@/lib/auth/passkeys';
import { requestContextFromHeaders } from '@/lib/http/request-context';
import { leaveSecondFactorStep } from './leave-second-factor';

export async function beginPasskeySecondFactorAction(): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  return (await beginPasskeySecondFactor()) ?? null;
}

export async function finishPasskeySecondFactorAction(response: unknown): Promise<{ error?: string }> {
  const context = requestContextFromHeaders(await headers(), env.TRUST_PROXY);
  leaveSecondFactorStep(await completePasskeySecondFactor(response, context));
  return { error: 'That passkey could not confirm it’s you. Try again.' };
}
