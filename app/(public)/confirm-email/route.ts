// The link in the confirmation mail: /confirm-email?token=<id>.<secret>. Moves
// the token into a short-lived HttpOnly cookie and redirects to the page that
// confirms it (ADR 040, 046). Opening the link changes nothing: a mail
// scanner that fetches it only lands on a page with a button.
import type { NextRequest, NextResponse } from 'next/server';
import { moveLinkTokenToCookie } from '@/lib/auth/email-token';
import { EMAIL_CHANGE_COOKIE } from '@/lib/auth/email-change';

export function GET(request: NextRequest): NextResponse {
  return moveLinkTokenToCookie(request.nextUrl.searchParams.get('token'), EMAIL_CHANGE_COOKIE);
}
