// The link in the invitation mail: /accept-invitation?token=<id>.<secret>.
// Moves the token into a short-lived HttpOnly cookie and redirects to the
// form (ADR 045), as the reset link does: no token in the address bar, the
// history or a Referer. Nothing is looked up here.
import type { NextRequest, NextResponse } from 'next/server';
import { moveLinkTokenToCookie } from '@/lib/auth/email-token';
import { INVITATION_COOKIE } from '@/lib/auth/sign-up';

export function GET(request: NextRequest): NextResponse {
  return moveLinkTokenToCookie(request.nextUrl.searchParams.get('token'), INVITATION_COOKIE);
}
