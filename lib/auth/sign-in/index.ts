// The sign-in flow: password step, throttle guard, pending login (MFA step),
// then a regenerated session (ADR 010, 011). Server only.
export { completePrimaryAuthentication, SIGN_IN_BLOCKED_PATH } from './complete-sign-in.ts';
export { establishSession } from './establish-session.ts';
export { audit, failAttempt, loginThrottle, SIGN_IN_BLOCKED, startAttempt, succeedAttempt, takeAddressSlot } from './guard.ts';
export type { GuardedAttempt } from './guard.ts';
export { currentPendingLogin } from './current-pending-login.ts';
export { codeGuessWarning, completeMfaStep, INVALID_CODE } from './mfa-step.ts';
export { beginSecondFactorStep, failSecondFactorStep, finishSecondFactorStep } from './second-factor-step.ts';
export { clearPendingLoginCookie, consumePendingLogin } from './pending-login.ts';
export { attemptPasswordSignIn, checkPasswordOf, INVALID_CREDENTIALS, startUserAttempt } from './sign-in.ts';
