'use server';
// The passkey as second factor: see lib/auth/passkeys/passkey-second-factor.ts.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { env } from '@/lib/env';
import { beginPasskeySecondFactor, completePasskeySecondFactor } from '@/lib/auth/passkeys';
import { SIGN_IN_BLOCKED_PATH } from '@/lib/auth/sign-in';
import { requestContextFromHeaders } from '@/lib/http/request-context';

export async function beginPasskeySecondFactorAction(): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  return (await beginPasskeySecondFactor()) ?? null;
}

export async function finishPasskeySecondFactorAction(response: unknown): Promise<{ error?: string }> {
  const context = requestContextFromHeaders(await headers(), env.TRUST_PROXY);
  const result = await completePasskeySecondFactor(response, context);
  switch (result.status) {
    case 'signed-in':
      redirect(result.next);
    case 'restart':
      redirect('/login?reason=mfa-expired');
    case 'blocked':
      redirect(SIGN_IN_BLOCKED_PATH);
    case 'invalid':
      return { error: 'That passkey could not confirm it’s you. Try again.' };
  }
}
