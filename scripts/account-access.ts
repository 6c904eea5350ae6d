// `npm run accounts:disable -- <email>` / `npm run accounts:enable -- <email>`:
// an operator closes an account or opens it again (ASVS 7.4.2, ADR 044).
// Disabling sets User.disabledAt and ends every session at once; the session
// read refuses any that a sign-in created in the same moment, and sign-in fails
// like a wrong password. Enabling clears the mark; sessions stay ended.
// Both write an audit event the owner sees in the security centre.
import fs from 'node:fs';
import { recordAuditEvent } from '../lib/dal/audit';
import { normalizeEmail } from '../lib/auth/input';
import { EnvError, parseEnv } from '../lib/config/env-schema';
import { createDbClient } from '../lib/db/client';
import { createSessionStore } from '../lib/session/store';
import { policyFromEnv } from '../lib/session/policy';

if (fs.existsSync('.env')) process.loadEnvFile('.env');

const [action, target] = process.argv.slice(2).filter((arg) => arg !== '--');
if ((action !== 'disable' && action !== 'enable') || !target) {
  console.error('Usage: npm run accounts:disable -- <email>\n       npm run accounts:enable -- <email>');
  process.exit(2);
}

try {
  const env = parseEnv(process.env);
  const db = createDbClient(env.DATABASE_URL);
  const email = normalizeEmail(target);
  const user = await db.user.findUnique({ where: { email }, select: { id: true, disabledAt: true } });
  if (!user) {
    console.error(`No account has the email ${email}.`);
    process.exitCode = 1;
  } else if (action === 'disable') {
    // Guarded: disabling twice keeps the first time and writes one event.
    const { count } = await db.user.updateMany({ where: { id: user.id, disabledAt: null }, data: { disabledAt: new Date() } });
    if (count === 1) await recordAuditEvent(db, { type: 'account.disabled', userId: user.id, detail: { by: 'script' } });
    const ended = await createSessionStore(db, policyFromEnv(env)).invalidateUserSessions(user.id, 'account-disabled');
    console.log(`${count === 1 ? 'Disabled' : 'Already disabled:'} ${email}; ended ${ended} session(s).`);
  } else {
    // A deleted account (ADR 046) stays disabled: its row is a tombstone.
    const { count } = await db.user.updateMany({ where: { id: user.id, disabledAt: { not: null }, deletedAt: null }, data: { disabledAt: null } });
    if (count === 1) await recordAuditEvent(db, { type: 'account.enabled', userId: user.id, detail: { by: 'script' } });
    console.log(count === 1 ? `Enabled ${email}: it can sign in again.` : `${email} was not disabled.`);
  }
  await db.$disconnect();
} catch (error) {
  console.error(error instanceof EnvError ? error.message : `Changing the account failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
