import { NextResponse } from 'next/server';
import { beginPasskeySignIn, passkeyAttemptToken } from '@/lib/auth/passkeys';

// Options for "Sign in with a passkey" and the autofill request: a fresh
// challenge bound to this browser's attempt cookie. A GET (it only hands out a
// single-use nonce and changes no account), so the login page can ask for it as
// it loads without a server-action POST. docs/decisions/022-passkeys.md
export async function GET() {
  const token = await passkeyAttemptToken(true);
  if (!token) return NextResponse.json({ error: 'unavailable' }, { status: 503 });
  return NextResponse.json(await beginPasskeySignIn(token), { headers: { 'Cache-Control': 'no-store' } });
}
