'use server';
// The password step of signing in. Throttling and lockout come first (no
// argon2 work for a refused attempt); then the password; then
// completePrimaryAuthentication either regenerates the session or — for users
// with TOTP — sends them to the code step with only a pending-login cookie.
// Failures return one generic message whatever went wrong, so nothing reveals
// which emails exist.
import { headers } from 'next/headers';
import { z } from 'zod';
import { env } from '@/lib/env';
import { completePrimaryAuthentication, SIGN_IN_BLOCKED, INVALID_CREDENTIALS, attemptPasswordSignIn } from '@/lib/auth/sign-in';
import { formText } from '@/lib/auth/input';
import { readDeviceProof } from '@/lib/auth/device';
import { requestContextFromHeaders } from '@/lib/http/request-context';

export type SignInState = { error?: string; email?: string };

const credentialsSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').max(254, 'That email address is too long.'),
  // Long enough for any passphrase; short enough that nobody makes argon2 hash a megabyte.
  password: z.string().min(1, 'Enter your password.').max(1024, 'That password is too long (at most 1024 characters).'),
  next: z.string().max(2048).optional(),
});

export async function signInWithPassword(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = credentialsSchema.safeParse({
    email: formText(formData, 'email', 300),
    password: formText(formData, 'password', 1100),
    next: formText(formData, 'next', 2100) || undefined,
  });
  const echoedEmail = formText(formData, 'email', 254).slice(0, 254);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? INVALID_CREDENTIALS, email: echoedEmail };

  const context = requestContextFromHeaders(await headers(), env.TRUST_PROXY);
  const deviceProof = await readDeviceProof();
  const result = await attemptPasswordSignIn({ email: parsed.data.email, password: parsed.data.password, deviceProof, context });
  switch (result.status) {
    case 'blocked':
      return { error: SIGN_IN_BLOCKED, email: echoedEmail };
    case 'invalid':
      return { error: INVALID_CREDENTIALS, email: echoedEmail };
    case 'ok':
      return completePrimaryAuthentication(result.user, { method: 'password', next: parsed.data.next ?? '', context });
  }
}
