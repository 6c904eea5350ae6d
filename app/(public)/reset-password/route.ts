// The link in the reset mail: /reset-password?token=<id>.<secret>. Moves the
// token into a short-lived HttpOnly cookie and redirects to the form, so the
// token is in neither the address bar, the history nor a Referer (ADR 040).
// Nothing is looked up here: the form page says whether the link still works.
import type { NextRequest, NextResponse } from 'next/server';
import { moveLinkTokenToCookie } from '@/lib/auth/email-token';
import { RESET_COOKIE } from '@/lib/auth/password-reset';

export function GET(request: NextRequest): NextResponse {
  return moveLinkTokenToCookie(request.nextUrl.searchParams.get('token'), RESET_COOKIE);
}
