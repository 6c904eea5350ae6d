// The second factor (ADR 011, 019): TOTP, recovery codes and checking either.
// Framework-free: the seed, the e2e harness and secrets:reencrypt use it; the
// rows verifySecondFactor reads come through a store (the app's: lib/dal/mfa.ts).
// Enrolling and disabling are in credentials/; the sign-in step in sign-in/.
export { generateRecoveryCodes, matchRecoveryCode, RECOVERY_CODE_COUNT, resealRecoveryCode, sealRecoveryCode } from './recovery-codes.ts';
export { checkTotpCode, createTotpSecret, currentTotpCode, formatManualKey, totpUri } from './totp.ts';
export { MAX_CODE_INPUT, SECOND_FACTOR_UNAVAILABLE, verifySecondFactor } from './second-factor.ts';
export type { SecondFactorStore } from './second-factor.ts';
