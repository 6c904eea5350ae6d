// The link in the verification mail: /verify-email?token=<id>.<secret>. Moves
// the token into a short-lived HttpOnly cookie and redirects to a page with a
// button (ADR 045): a mail scanner that opens links verifies nothing, and the
// token is in neither the address bar, the history nor a Referer.
import type { NextRequest, NextResponse } from 'next/server';
import { moveLinkTokenToCookie } from '@/lib/auth/email-token';
import { VERIFY_COOKIE } from '@/lib/auth/sign-up';

export function GET(request: NextRequest): NextResponse {
  return moveLinkTokenToCookie(request.nextUrl.searchParams.get('token'), VERIFY_COOKIE);
}
