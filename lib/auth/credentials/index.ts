// Changing what a user signs in with: password change, TOTP enrolment and
// removal — each revokes the other sessions (ADR 013) and, for a factor, needs
// the password and a proof of an existing factor in the same request (ADR 030). Server only.
export { cancelTotpSetup, confirmTotpSetup, disableTotp, getMfaStatus, MFA_PASSWORD_FAILED, startTotpSetup } from './mfa-settings.ts';
export { changePassword } from './password-change.ts';
export { proveFactorChange, FACTOR_PASSWORD_FAILED, FACTOR_PROOF_FAILED } from './factor-change-proof.ts';
export type { FactorChangeInput, FactorChangeProof } from './factor-change-proof.ts';
