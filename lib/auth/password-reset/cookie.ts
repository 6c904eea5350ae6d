import 'server-only';
// The reset link's cookie (ADR 040): /reset-password moves the token here and
// redirects to the form (lib/auth/email-token/link-cookie.ts), for the link's lifetime.
import { clearLinkCookie, readLinkCookie, type LinkCookie } from '../email-token/link-cookie';
import { RESET_LINK_TTL_MS } from './request';

export const RESET_COOKIE: LinkCookie = { name: '__Host-password-reset', ttlMs: RESET_LINK_TTL_MS, page: '/reset-password/new' };

export const readResetCookie = (): Promise<string | undefined> => readLinkCookie(RESET_COOKIE);
export const clearResetCookie = (): Promise<void> => clearLinkCookie(RESET_COOKIE);
