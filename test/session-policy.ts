// The session policy unit tests run under: production-like timeouts, so a test
// that needs time to pass moves `now` rather than waiting.
import type { SessionPolicy } from '../lib/session/policy';

export const testSessionPolicy: SessionPolicy = {
  idleTimeoutMs: 15 * 60_000,
  absoluteTimeoutMs: 12 * 3_600_000,
  rotationIntervalMs: 5 * 60_000,
  rotationGraceMs: 30_000,
  touchIntervalMs: 60_000,
  freshAuthWindowMs: 5 * 60_000,
  retentionMs: 24 * 3_600_000,
  purgeIntervalMs: 3_600_000,
  maxSessionsPerUser: 10,
};
