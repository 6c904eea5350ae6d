// `npm run secrets:reencrypt`: after adding a new newest key to SESSION_SECRETS,
// moves every secret at rest (TOTP secrets, unfinished TOTP setups, recovery
// codes — including rows in the old unsalted SHA-256 format) under it. Safe to
// run while the app is serving and to run again. Exit status 1 when some value
// cannot be decrypted with the configured keys: do not drop a key until a run
// reports none. docs/decisions/019-secrets-at-rest.md
import fs from 'node:fs';
import { createDbClient } from '../lib/db/client.ts';
import { EnvError, parseEnv } from '../lib/config/env-schema.ts';
import { reencryptAllSecrets } from '../lib/dal/reseal-secrets.ts';
import { formatDuration } from './lib/process.ts';

const hours = (ms: number) => `${Number((ms / 3_600_000).toFixed(2))} h`;

if (fs.existsSync('.env')) process.loadEnvFile('.env');

try {
  const env = parseEnv(process.env);
  const db = createDbClient(env.DATABASE_URL);
  try {
    const started = Date.now();
    const report = await reencryptAllSecrets(db, env.SESSION_SECRETS);
    console.log(
      `[secrets] ${report.users} user(s): ${report.resealed} value(s) re-encrypted under key ${report.keyId}, ` +
        `${report.current} already were (${formatDuration(Date.now() - started)}).`,
    );
    for (const item of report.unreadable) {
      console.error(`[secrets] cannot decrypt the ${item.what} of user ${item.userId} (${item.reason})`);
    }
    if (report.unreadable.length > 0) {
      console.error(
        `[secrets] ${report.unreadable.length} value(s) cannot be decrypted with the configured SESSION_SECRETS: put back the key ` +
          'they were encrypted with and run this again. Do not remove any key meanwhile.',
      );
      process.exitCode = 1;
    } else {
      const older = Object.keys(env.SESSION_SECRETS).filter((id) => id !== report.keyId);
      console.log(
        older.length === 0
          ? `[secrets] Every secret at rest is under key ${report.keyId}, the only key.`
          : `[secrets] Every secret at rest is under key ${report.keyId}: key(s) ${older.join(', ')} are no longer needed for stored data. ` +
              `Remove them once SESSION_ABSOLUTE_TIMEOUT (${hours(env.SESSION_ABSOLUTE_TIMEOUT)}) has passed since key ` +
              `${report.keyId} began sealing (SESSION_KEY_ROLLOUT after the rolling restart), so no cookie sealed under them is still in use (README, "Rotating SESSION_SECRETS").`,
      );
    }
  } finally {
    await db.$disconnect();
  }
} catch (error) {
  console.error(error instanceof EnvError ? error.message : `Re-encryption failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
