// `npm run db:seed` (also run by `prisma migrate reset`): creates the demo users
// Alice and Bob with six months of banking history. Safe to run again: existing
// demo users are left as they are. The logic lives in prisma/seed/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_NAME } from '../lib/config/app-name.ts';
import { EnvError, parseEnv } from '../lib/config/env-schema.ts';
import { createDbClient } from '../lib/db/client.ts';
import { projectRoot } from '../lib/config/database-url.ts';
import { BOB_RECOVERY_CODES, BOB_TOTP_SECRET, DEMO_PASSWORD } from './seed/demo-users.ts';
import { seedDatabase, type SeededUser } from './seed/seed-database.ts';

export { seedDatabase, type SeedOptions, type SeededUser } from './seed/seed-database.ts';

function describe(result: SeededUser): string {
  if (result.status === 'exists') return `${result.email.padEnd(20)} already there, left unchanged`;
  const { accounts, transactions, payees, transfers } = result;
  return `${result.email.padEnd(20)} created: ${accounts} accounts, ${transactions} transactions, ${transfers} transfers, ${payees} payees`;
}

async function main(): Promise<void> {
  const envFile = path.join(projectRoot, '.env');
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile);
  const env = parseEnv(process.env);

  const db = createDbClient(process.env.DATABASE_URL);
  try {
    const results = await seedDatabase(db, { keyMap: env.SESSION_SECRETS, now: new Date() });
    const totpUri = `otpauth://totp/${encodeURIComponent(APP_NAME)}:bob%40example.com?secret=${BOB_TOTP_SECRET}&issuer=${encodeURIComponent(APP_NAME)}`;
    console.log(
      [
        'Demo data:',
        ...results.map((result) => `  ${describe(result)}`),
        '',
        `Demo logins (password for both: ${DEMO_PASSWORD}):`,
        // Which path of ADR 030 each one shows for a payment above the €30 exemption.
        '  alice@example.com   password only — a payment above €30 sends her to set up a second factor first',
        '  bob@example.com     password + authenticator code (TOTP) — approves payments above €30 with a code',
        `    TOTP secret:      ${BOB_TOTP_SECRET}`,
        `    otpauth URI:      ${totpUri}`,
        `    recovery codes:   ${BOB_RECOVERY_CODES.join('  ')}`,
      ].join('\n'),
    );
  } finally {
    await db.$disconnect();
  }
}

const isEntryPoint = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  main().catch((error: unknown) => {
    if (error instanceof EnvError) {
      console.error(error.message);
    } else if ((error as { code?: unknown }).code === 'P2021') {
      // P2021: table does not exist.
      console.error('The database has no tables yet: run `npm run db:migrate` first, then seed again.');
    } else {
      console.error(error);
    }
    process.exitCode = 1;
  });
}
