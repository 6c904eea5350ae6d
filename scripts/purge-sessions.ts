// `npm run sessions:purge`: deletes expired and revoked sessions older than the
// retention window (SESSION_RETENTION), in batches. Safe to run from cron on
// any instance; the app also sweeps opportunistically in the background.
import fs from 'node:fs';
import { createDbClient } from '../lib/db/client';
import { EnvError, parseEnv } from '../lib/config/env-schema';
import { policyFromEnv } from '../lib/session/policy';
import { purgeSessions } from '../lib/session/purge';
import { purgeThrottleRows, throttleConfigFromEnv } from '../lib/auth/throttle';

if (fs.existsSync('.env')) process.loadEnvFile('.env');

try {
  const env = parseEnv(process.env);
  const db = createDbClient(env.DATABASE_URL);
  const started = Date.now();
  const deleted = await purgeSessions(db, policyFromEnv(env));
  const throttle = await purgeThrottleRows(db, throttleConfigFromEnv(env));
  console.log(`Purged ${deleted} session(s), ${throttle.throttleRows} sign-in throttle row(s) and ${throttle.nonces} used pending-login nonce(s) in ${Date.now() - started} ms.`);
  await db.$disconnect();
} catch (error) {
  console.error(error instanceof EnvError ? error.message : `Purge failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
