import 'server-only';
import { parseEnv, type Env } from './config/env-schema';

// Validated once, when the server first imports it (instrumentation.ts does so at boot).
// `next build` imports server modules to collect page data but serves nothing and
// seals nothing (every page renders per request), so a build needs no secrets.
const buildPlaceholder = { SESSION_SECRETS: '1:build-time-placeholder-never-used-to-seal-anything' };
const building = process.env.NEXT_PHASE === 'phase-production-build';
export const env: Env = parseEnv(building ? { ...buildPlaceholder, ...process.env } : process.env);
export type { Env };
