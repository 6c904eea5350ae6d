// The confirmation link's cookie (ADR 046): /confirm-email moves the token here
// and redirects to the confirm page (lib/auth/email-token/link-cookie.ts), for the link's lifetime.
import type { LinkCookie } from '../email-token/link-cookie';
import { EMAIL_CHANGE_TTL_MS } from './request';

export const EMAIL_CHANGE_COOKIE: LinkCookie = { name: '__Host-email-change', ttlMs: EMAIL_CHANGE_TTL_MS, page: '/confirm-email/confirm' };
