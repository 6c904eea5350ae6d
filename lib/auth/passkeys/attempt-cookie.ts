import 'server-only';
// The browser's passkey sign-in attempt: its challenge sealed into a short-lived
// `__Host-` cookie (lib/auth/passkeys/attempt-seal.ts). Discoverable sign-in has
// no user yet, so the challenge is answerable only from the browser holding the
// cookie — and asking for one writes no row (ADR 032).
import { cookies } from 'next/headers';
import { sessionKeys } from '../../env';
import { sessionCookieOptions } from '../../session';
import { CHALLENGE_TTL_MS } from './challenges';
import { sealSignInAttempt, unsealSignInAttempt, type SignInAttempt } from './attempt-seal';

export const PASSKEY_ATTEMPT_COOKIE = '__Host-passkey-attempt';

/** A new attempt for this browser (replacing any earlier one); returns its challenge. */
export async function startPasskeySignInAttempt(now: Date = new Date()): Promise<string> {
  const { attempt, sealed } = await sealSignInAttempt(sessionKeys, now);
  (await cookies()).set(PASSKEY_ATTEMPT_COOKIE, sealed, { ...sessionCookieOptions, maxAge: CHALLENGE_TTL_MS / 1000 });
  return attempt.challenge;
}

/** This browser's live attempt, if any. */
export async function readPasskeySignInAttempt(now: Date = new Date()): Promise<SignInAttempt | undefined> {
  return unsealSignInAttempt(sessionKeys, (await cookies()).get(PASSKEY_ATTEMPT_COOKIE)?.value, now);
}
