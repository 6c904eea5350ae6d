import { NextResponse } from 'next/server';
import { beginPasskeySignIn, startPasskeySignInAttempt } from '@/lib/auth/passkeys';

// Options for "Sign in with a passkey" and the autofill request: a fresh
// challenge sealed into this browser's attempt cookie. A GET that writes
// nothing anywhere but that cookie (ADR 032), so the login page can ask for it
// as it loads without a server-action POST. docs/decisions/022-passkeys.md
export async function GET() {
  const challenge = await startPasskeySignInAttempt();
  return NextResponse.json(await beginPasskeySignIn(challenge), { headers: { 'Cache-Control': 'no-store' } });
}
