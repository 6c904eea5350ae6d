'use server';
// "Sign in with a passkey" (button and autofill). The challenge is bound to this
// browser's sign-in attempt: a random, short-lived cookie whose SHA-256 the
// challenge row holds. Success regenerates the session and redirects; every
// failure — unknown credential included — gets the same message.
import { randomBytes } from 'node:crypto';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { env } from '@/lib/env';
import { beginPasskeySignIn, completePasskeySignIn, PASSKEY_SIGN_IN_FAILED } from '@/lib/auth/passkeys';
import { SIGN_IN_BLOCKED } from '@/lib/auth/sign-in';
import { requestContextFromHeaders } from '@/lib/http/request-context';
import { safeNextPath } from '@/lib/http/safe-redirect';
import { sessionCookieOptions } from '@/lib/session';

const ATTEMPT_COOKIE = '__Host-passkey-attempt';
const ATTEMPT_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The browser's sign-in attempt token: the current one, or a new one (cookie, 5 minutes). */
async function attemptToken(create: boolean): Promise<string | undefined> {
  const store = await cookies();
  const existing = store.get(ATTEMPT_COOKIE)?.value;
  if (existing && ATTEMPT_TOKEN.test(existing)) return existing;
  if (!create) return undefined;
  const token = randomBytes(32).toString('base64url');
  store.set(ATTEMPT_COOKIE, token, { ...sessionCookieOptions, maxAge: 300 });
  return token;
}

export async function beginPasskeySignInAction(): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const token = await attemptToken(true);
  return token ? beginPasskeySignIn(token) : null;
}

export async function finishPasskeySignInAction(response: unknown, next?: unknown): Promise<{ error?: string }> {
  const token = await attemptToken(false);
  if (!token) return { error: PASSKEY_SIGN_IN_FAILED };
  const context = requestContextFromHeaders(await headers(), env.TRUST_PROXY);
  const result = await completePasskeySignIn(response, token, context);
  switch (result.status) {
    case 'signed-in':
      redirect(safeNextPath(typeof next === 'string' ? next.slice(0, 2048) : undefined));
    case 'blocked':
      return { error: SIGN_IN_BLOCKED };
    case 'invalid':
      return { error: PASSKEY_SIGN_IN_FAILED };
  }
}
