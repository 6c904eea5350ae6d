'use server';
// "Sign in with a passkey" (button and autofill): the options come from
// /login/passkey (a GET that sets the attempt cookie); this checks the answer.
// Success regenerates the session and redirects; every failure — an unknown
// credential included — gets the same message.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { env } from '@/lib/env';
import { completePasskeySignIn, PASSKEY_SIGN_IN_FAILED, readPasskeySignInAttempt } from '@/lib/auth/passkeys';
import { SIGN_IN_BLOCKED } from '@/lib/auth/sign-in';
import { requestContextFromHeaders } from '@/lib/http/request-context';
import { safeNextPath } from '@/lib/http/safe-redirect';

export async function finishPasskeySignInAction(response: unknown, next?: unknown): Promise<{ error?: string }> {
  const attempt = await readPasskeySignInAttempt();
  if (!attempt) return { error: PASSKEY_SIGN_IN_FAILED };
  const context = requestContextFromHeaders(await headers(), env.TRUST_PROXY);
  const result = await completePasskeySignIn(response, attempt, context);
  switch (result.status) {
    case 'signed-in':
      redirect(safeNextPath(typeof next === 'string' ? next.slice(0, 2048) : undefined));
    case 'blocked':
      return { error: SIGN_IN_BLOCKED };
    case 'invalid':
      return { error: PASSKEY_SIGN_IN_FAILED };
  }
}
