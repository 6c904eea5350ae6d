'use server';
// The password step of signing in. On success it regenerates the session
// (lib/auth/establish-session.ts) and redirects; on failure it returns one
// generic message whatever went wrong, so nothing reveals which emails exist.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { env } from '@/lib/env';
import { establishSession } from '@/lib/auth/establish-session';
import { INVALID_CREDENTIALS, verifyCredentials } from '@/lib/auth/sign-in';
import { recordAuditEvent } from '@/lib/audit';
import { db } from '@/lib/db';
import { requestContextFromHeaders } from '@/lib/http/request-context';
import { safeNextPath } from '@/lib/http/safe-redirect';

export type SignInState = { error?: string; email?: string };

const credentialsSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').max(254, 'That email address is too long.'),
  // Long enough for any passphrase; short enough that nobody makes argon2 hash a megabyte.
  password: z.string().min(1, 'Enter your password.').max(1024, 'That password is too long.'),
  next: z.string().max(2048).optional(),
});

export async function signInWithPassword(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = credentialsSchema.safeParse({
    email: formData.get('email') ?? '',
    password: formData.get('password') ?? '',
    next: formData.get('next') ?? undefined,
  });
  const echoedEmail = String(formData.get('email') ?? '').slice(0, 254);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? INVALID_CREDENTIALS, email: echoedEmail };

  const context = requestContextFromHeaders(await headers(), env.TRUST_PROXY);
  const check = await verifyCredentials(parsed.data.email, parsed.data.password);
  if (!check.ok) {
    await recordAuditEvent(db, { type: 'login.failure', ...context, detail: { method: 'password' } });
    return { error: INVALID_CREDENTIALS, email: echoedEmail };
  }

  await establishSession(check.user.id, { method: 'password', mfaVerified: false, context });
  redirect(safeNextPath(parsed.data.next));
}
