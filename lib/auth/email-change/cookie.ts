// The confirmation link's token, moved from the URL into this cookie by
// /confirm-email (lib/auth/email-token/cookie.ts, ADR 040/046).
export const EMAIL_CHANGE_COOKIE_NAME = '__Host-email-change';
