import 'server-only';
import { parseEnv, type Env } from './config/env-schema';
import { createSessionKeys, type SessionKeys } from './config/sealing-key';

// Validated once, when the server first imports it (instrumentation.ts does so at boot).
// `next build` imports server modules to collect page data but serves nothing and
// seals nothing (every page renders per request), so a build needs no secrets.
const buildPlaceholder = { SESSION_SECRETS: '1:build-time-placeholder-never-used-to-seal-anything' };
const building = process.env.NEXT_PHASE === 'phase-production-build';
export const env: Env = parseEnv(building ? { ...buildPlaceholder, ...process.env } : process.env);
/**
 * SESSION_SECRETS with this process's sealing-key rule: what everything that
 * seals or encrypts is given (docs/decisions/026-rolling-key-rollout.md).
 */
export const sessionKeys: SessionKeys = createSessionKeys(env.SESSION_SECRETS, env.SESSION_KEY_ROLLOUT);
export type { Env };
