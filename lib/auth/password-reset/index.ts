// Password reset by an emailed link (ADR 040): asking for a link (the same
// answer for every email), and choosing a new password with it (a second
// factor still required; every session revoked). Server only.
export { LINK_WINDOW_MS, MAX_LINKS_PER_WINDOW, RESET_LINK_TTL_MS, RESET_REQUEST_LIMITED, RESET_REQUESTED, requestPasswordReset } from './request.ts';
export type { Schedule } from './request.ts';
export { completePasswordReset, inspectResetLink, RESET_CODE_MISSING, RESET_LINK_INVALID, RESET_NEEDS_PASSKEY } from './complete.ts';
export type { PasswordResetResult, ResetLinkState } from './complete.ts';
export { clearResetCookie, readResetCookie, RESET_COOKIE } from './cookie.ts';
