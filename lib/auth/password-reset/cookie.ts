import 'server-only';
// The reset link's token, moved from the URL into this cookie by
// /reset-password (lib/auth/email-token/cookie.ts, ADR 040).
import { clearEmailTokenCookie, readEmailTokenCookie } from '../email-token/cookie';

export const RESET_COOKIE_NAME = '__Host-password-reset';

export const readResetCookie = (): Promise<string | undefined> => readEmailTokenCookie(RESET_COOKIE_NAME);

export const clearResetCookie = (): Promise<void> => clearEmailTokenCookie(RESET_COOKIE_NAME);
