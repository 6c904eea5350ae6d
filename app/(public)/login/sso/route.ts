import type { NextRequest } from 'next/server';
import { startSsoSignIn } from '@/lib/auth/sso';

// "Continue with SSO" is a link to here: a GET that sends the browser to the
// identity provider with a fresh state, PKCE challenge and nonce. 404 when SSO
// is not configured. docs/decisions/012-sso-with-next-auth.md
export function GET(request: NextRequest) {
  return startSsoSignIn(request);
}
