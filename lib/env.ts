import 'server-only';
import { parseEnv, type Env } from './config/env-schema';

// Validated once, when the server first imports it (instrumentation.ts does so at boot).
export const env: Env = parseEnv(process.env);
export type { Env };
