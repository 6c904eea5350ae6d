// The link in the confirmation mail: /confirm-email?token=<id>.<secret>. Moves
// the token into a short-lived HttpOnly cookie and redirects to the page that
// confirms it (ADR 040, 046). Opening the link changes nothing: a mail
// scanner that fetches it only lands on a page with a button.
import type { NextRequest, NextResponse } from 'next/server';
import { landOnEmailLink } from '@/lib/auth/email-token';
import { EMAIL_CHANGE_COOKIE_NAME, EMAIL_CHANGE_TTL_MS } from '@/lib/auth/email-change';

export function GET(request: NextRequest): NextResponse {
  return landOnEmailLink(request, { cookie: EMAIL_CHANGE_COOKIE_NAME, ttlMs: EMAIL_CHANGE_TTL_MS, location: '/confirm-email/confirm' });
}
