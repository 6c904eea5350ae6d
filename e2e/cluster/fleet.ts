// The fleet the multi-instance spec drives: PostgreSQL (E2E_CLUSTER_DATABASE_URL
// names a server to use, as .ci/run does; otherwise a throwaway one of our own),
// a fresh migrated and seeded database, and tools/lib/cluster.ts on the port
// playwright.cluster.config.ts chose. Session timing short enough to watch
// rotation happen across instances.
import crypto from 'node:crypto';
import { hashPassword } from '../../lib/auth/password/index.ts';
import { createDbClient } from '../../lib/db/client.ts';
import { ensureProductionBuild } from '../../tools/lib/app-server.ts';
import { startCluster, type Cluster } from '../../tools/lib/cluster.ts';
import { migrateDeploy, seed } from '../../scripts/lib/database.ts';
import { recreateDatabase, startThrowawayPostgres } from '../../tools/lib/throwaway-postgres.ts';

export const ROTATION_MS = 4_000;
export const GRACE_MS = 1_500;

export type Fleet = Cluster & { secrets: string; databaseURL: string; stopAll: () => Promise<void> };

export const newSecret = () => crypto.randomBytes(32).toString('base64url');

/** A user of this test's own in the fleet's database (seeded users are shared by the other tests). */
export async function createFleetUser(fleet: Fleet, label: string): Promise<{ email: string; password: string }> {
  const user = { email: `${label}-${crypto.randomBytes(4).toString('hex')}@e2e.example.com`, password: 'a throwaway passphrase for e2e' };
  const db = createDbClient(fleet.databaseURL);
  try {
    await db.user.create({ data: { email: user.email, name: `E2E ${label}`, passwordHash: await hashPassword(user.password), emailVerifiedAt: new Date() } });
  } finally {
    await db.$disconnect();
  }
  return user;
}

export async function startFleet(): Promise<Fleet> {
  const given = process.env.E2E_CLUSTER_DATABASE_URL;
  const postgres = given ? undefined : await startThrowawayPostgres();
  const databaseURL = await recreateDatabase(given ?? postgres!.adminURL, 'cluster_e2e');
  const secrets = `1:${newSecret()}`;
  const env = {
    DATABASE_URL: databaseURL,
    SESSION_SECRETS: secrets,
    NEXT_TELEMETRY_DISABLED: '1',
    SESSION_IDLE_TIMEOUT: '10m',
    SESSION_ABSOLUTE_TIMEOUT: '1h',
    SESSION_ROTATION_INTERVAL: `${ROTATION_MS}ms`,
    SESSION_ROTATION_GRACE: `${GRACE_MS}ms`,
    SESSION_TOUCH_INTERVAL: '1s',
    SESSION_MAX_PER_USER: '100',
    LOGIN_IP_MAX_ATTEMPTS: '10000', // every request comes from 127.0.0.1
  };
  await migrateDeploy(databaseURL, { quiet: true });
  await seed(databaseURL, { env: { ...process.env, ...env }, quiet: true });
  await ensureProductionBuild(env, (line) => console.error(`[cluster e2e] ${line}`));
  const cluster = await startCluster({ instances: 2, env, httpsPort: Number(process.env.E2E_CLUSTER_PORT) });
  return {
    ...cluster,
    secrets,
    databaseURL,
    stopAll: async () => {
      await cluster.stop();
      postgres?.stop();
    },
  };
}
