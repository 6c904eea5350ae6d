// Changing what a user signs in with: password change, TOTP enrolment and
// removal — each revokes the other sessions (ADR 013). Server only.
export { cancelTotpSetup, confirmTotpSetup, disableTotp, getMfaStatus, MFA_PASSWORD_FAILED, startTotpSetup } from './mfa-settings.ts';
export { changePassword } from './password-change.ts';
