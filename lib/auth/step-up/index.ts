// Re-authentication for sensitive actions (ADR 013). Server only.
export { reauthenticate } from './step-up.ts';
export { hasStrongestFreshAuth } from './strongest.ts';
export type { StepUpEvidence } from './strongest.ts';
