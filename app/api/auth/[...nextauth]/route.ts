import type { NextRequest } from 'next/server';
import { OIDC_PROVIDER_ID, finishSsoCallback } from '@/lib/auth/sso';

// next-auth's endpoint, narrowed to the one thing it is used for: the OpenID
// Connect callback (GET /api/auth/callback/oidc). Its session, csrf, providers,
// sign-in, sign-out and error endpoints answer 404, POST answers 405: next-auth
// keeps no session here, and its HTML pages would not pass our CSP anyway.
// docs/decisions/012-sso-with-next-auth.md
export async function GET(request: NextRequest, { params }: { params: Promise<{ nextauth: string[] }> }) {
  const { nextauth } = await params;
  if (nextauth.length !== 2 || nextauth[0] !== 'callback' || nextauth[1] !== OIDC_PROVIDER_ID) {
    return new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store' } });
  }
  return finishSsoCallback(request);
}
