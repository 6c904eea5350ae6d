// Passkeys (WebAuthn through @simplewebauthn/server): registration and
// management, discoverable sign-in, second factor, step-up and transfer-bound
// step-up, each with a server-side single-use challenge. Server only. ADR 022.
export { beginPasskeySignIn, completePasskeySignIn, PASSKEY_SIGN_IN_FAILED } from './passkey-sign-in.ts';
export { beginPasskeySecondFactor, completePasskeySecondFactor } from './passkey-second-factor.ts';
export { beginFactorChangeProof, beginPasskeyStepUp, completePasskeyStepUp } from './passkey-step-up.ts';
export { countPasskeys, finishPasskeyRegistration, listPasskeys, removePasskey, renamePasskey, startPasskeyRegistration, PASSKEY_NAME_MAX } from './manage.ts';
export type { PasskeyRegistrationStart } from './manage.ts';
export type { PasskeyView } from './manage.ts';
export { readPasskeySignInAttempt, startPasskeySignInAttempt } from './attempt-cookie.ts';
export type { ChallengeBinding, ChallengePurpose } from './challenges.ts';
