// The settings server.ts needs before Next handles a request. They must
// come from the same place the app's own come from: Next loads .env files
// (.env.production.local, .env.local, .env.production, .env) into process.env
// only inside app.prepare(), so reading process.env before that saw a
// TRUST_PROXY set only in .env as unset — server.ts then kept only the socket
// address while the app, trusting a proxy, looked one hop further and found
// nothing: every client address was null and the per-address throttle never ran.
import { createRequire } from 'node:module';
import { EnvError, parseEnv } from '../../lib/config/env-schema.ts';
import { productionMailProblem } from '../../lib/config/mail-settings.ts';
import type { KeyMap } from '../../lib/config/secrets.ts';
import { requestStartTrust, type RequestStartTrust } from '../../lib/http/request-start.ts';

// Next's own .env loader. A CommonJS bundle whose exports Node's ESM loader cannot
// see, so it is required rather than imported.
const { loadEnvConfig } = createRequire(import.meta.url)('@next/env') as typeof import('@next/env');

export type ServerSettings = { trustProxy: boolean; requestStart: RequestStartTrust; sessionSecrets: KeyMap; instanceName: string | undefined };

/** Loads `dir`'s env files the way `next start` does (never overriding set variables), then validates. */
export function loadServerSettings(dir: string, env: NodeJS.ProcessEnv = process.env): ServerSettings {
  loadEnvConfig(dir, false, { info: () => {}, error: console.error });
  const parsed = parseEnv(env);
  // Only here and in the launcher is NODE_ENV still the operator's: Next sets "production" for every `next start`.
  const mailProblem = productionMailProblem(env);
  if (mailProblem) throw new EnvError([mailProblem]);
  return { trustProxy: parsed.TRUST_PROXY, requestStart: requestStartTrust(parsed), sessionSecrets: parsed.SESSION_SECRETS, instanceName: parsed.CLUSTER_INSTANCE };
}
