// `npm run sessions:revoke -- <email>` / `-- --all`: an operator ends one
// user's sessions, or everyone's (ASVS 7.4.5), e.g. after a suspected account
// takeover or a leaked SESSION_SECRETS key. Every browser of theirs lands on
// /login at its next request; the owner sees the event in the security log.
import fs from 'node:fs';
import { normalizeEmail } from '../lib/auth/input';
import { EnvError, parseEnv } from '../lib/config/env-schema';
import { createDbClient } from '../lib/db/client';
import { createSessionStore } from '../lib/session/store';
import { policyFromEnv } from '../lib/session/policy';

if (fs.existsSync('.env')) process.loadEnvFile('.env');

const target = process.argv.slice(2).find((arg) => arg !== '--');
if (!target) {
  console.error('Usage: npm run sessions:revoke -- <email>   (one user)\n       npm run sessions:revoke -- --all     (every user)');
  process.exit(2);
}

try {
  const env = parseEnv(process.env);
  const db = createDbClient(env.DATABASE_URL);
  const store = createSessionStore(db, policyFromEnv(env));
  if (target === '--all') {
    console.log(`Ended ${await store.invalidateAllSessions('revoked-by-operator')} session(s) of every user.`);
  } else {
    const email = normalizeEmail(target);
    const user = await db.user.findUnique({ where: { email }, select: { id: true } });
    if (!user) {
      console.error(`No account has the email ${email}.`);
      process.exitCode = 1;
    } else {
      console.log(`Ended ${await store.invalidateUserSessions(user.id, 'revoked-by-operator')} session(s) of ${email}.`);
    }
  }
  await db.$disconnect();
} catch (error) {
  console.error(error instanceof EnvError ? error.message : `Revoking failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
