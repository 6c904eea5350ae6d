// `npm run accounts:unlock -- <email>`: the out-of-band unlock (ADR 018). After
// LOGIN_MAX_LOCKS locks in a row (or too many wrong authenticator codes) an
// account stays locked until support has verified its owner some other way and
// runs this. Clears the lock, its back-off history and the wrong-code count, and
// writes an audit event the owner sees in the security centre.
import fs from 'node:fs';
import { recordAuditEvent } from '../lib/dal/audit';
import { createLoginThrottle, throttleConfigFromEnv, recordRefusalSummaries } from '../lib/auth/throttle';
import { normalizeEmail } from '../lib/auth/input';
import { EnvError, parseEnv } from '../lib/config/env-schema';
import { createDbClient } from '../lib/db/client';

if (fs.existsSync('.env')) process.loadEnvFile('.env');

const input = process.argv.slice(2).find((arg) => arg !== '--');
if (!input) {
  console.error('Usage: npm run accounts:unlock -- <email>');
  process.exit(2);
}

try {
  const env = parseEnv(process.env);
  const db = createDbClient(env.DATABASE_URL);
  const email = normalizeEmail(input);
  const throttle = createLoginThrottle(db, throttleConfigFromEnv(env));
  const { wasLocked, summaries } = await throttle.unlockAccount(email);
  await recordRefusalSummaries(db, summaries);
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (wasLocked) {
    await recordAuditEvent(db, { type: 'account.unlocked', userId: user?.id ?? null, detail: { by: 'script' } });
    console.log(`Unlocked ${email}${user ? '' : ' (no account has this email)'}.`);
  } else {
    console.log(`${email} was not locked; its failure history is cleared.`);
  }
  await db.$disconnect();
} catch (error) {
  console.error(error instanceof EnvError ? error.message : `Unlock failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
