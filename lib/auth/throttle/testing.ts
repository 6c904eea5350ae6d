// The throttle settings its tests start from (the shipped defaults, minutes
// as the unit), so each test file states only what it changes.
import type { ThrottleConfig } from './throttle';

export const MIN = 60_000;

export function testThrottleConfig(overrides: Partial<ThrottleConfig> = {}): ThrottleConfig {
  return {
    maxFailures: 5,
    failureWindowMs: 15 * MIN,
    lockoutMs: 15 * MIN,
    maxLocks: 5,
    lockMemoryMs: 24 * 60 * MIN,
    ipMaxAttempts: 20,
    ipWindowMs: 15 * MIN,
    ...overrides,
  };
}
