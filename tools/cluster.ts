// `npm run cluster` — the app deployed the way a bank would run it, on this
// machine, loopback only: a throwaway PostgreSQL 15 (scripts/postgres.sh),
// migrations and the demo seed, N production instances with the same secrets on
// their own ports, and Debian's nginx in front with TLS (a local CA), HTTP →
// HTTPS redirect and round robin. Prints the URL; Ctrl-C (or any exit) stops
// everything it started and deletes the database.
//
//   npm run cluster
//   npm run cluster -- --instances 3 --port 8443
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { APP_NAME } from '../lib/config/app-name.ts';
import { ensureProductionBuild, type AppServer } from './lib/app-server.ts';
import { startCluster, type Cluster } from './lib/cluster.ts';
import { migrateDeploy, seed } from '../scripts/lib/database.ts';
import { ensureNginx } from './lib/nginx.ts';
import { CommandError } from '../scripts/lib/process.ts';
import { recreateDatabase, startThrowawayPostgres, type ThrowawayPostgres } from './lib/throwaway-postgres.ts';

const { values: args } = parseArgs({
  options: {
    instances: { type: 'string', default: '2' },
    port: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
const log = (line: string) => console.log(`[cluster] ${line}`);

function parseCount(): number {
  const n = Number(args.instances);
  if (!Number.isInteger(n) || n < 1 || n > 8) throw new CommandError(`--instances must be a whole number from 1 to 8 (got "${args.instances}").`);
  return n;
}

function parsePort(): number | undefined {
  if (args.port === undefined) return undefined;
  const n = Number(args.port);
  if (!Number.isInteger(n) || n < 1024 || n > 65535) throw new CommandError(`--port must be 1024–65535 (got "${args.port}").`);
  return n;
}

async function main(): Promise<void> {
  const count = parseCount();
  const httpsPort = parsePort();
  ensureNginx(log);

  let postgres: ThrowawayPostgres | undefined;
  let cluster: Cluster | undefined;
  const shutdown = async (code: number) => {
    log('stopping nginx, the instances and PostgreSQL');
    await cluster?.stop().catch(() => {});
    postgres?.stop();
    process.exit(code);
  };
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void shutdown(0);
    });
  }

  try {
    log('starting a throwaway PostgreSQL 15');
    postgres = await startThrowawayPostgres();
    const databaseURL = await recreateDatabase(postgres.adminURL, 'strongroom');
    // Same secrets for every instance (and the seed, which encrypts Bob's TOTP
    // secret under them); fresh ones each run, as the database is fresh too.
    const env = {
      DATABASE_URL: databaseURL,
      SESSION_SECRETS: process.env.SESSION_SECRETS || `1:${crypto.randomBytes(32).toString('base64url')}`,
      NEXT_TELEMETRY_DISABLED: '1',
    };
    await migrateDeploy(databaseURL, { quiet: true });
    await seed(databaseURL, { env: { ...process.env, ...env }, quiet: true });
    log(`database ready: ${databaseURL}`);

    await ensureProductionBuild(env, log);
    log(`starting ${count} instance${count === 1 ? '' : 's'} and nginx`);
    cluster = await startCluster({ instances: count, env, httpsPort, verbose: args.verbose });
    for (const instance of cluster.instances) log(`  ${instance.name} on ${instance.directURL} (pid ${(instance.server as AppServer).child.pid})`);
    // An instance that dies on its own is reported; nginx routes around it.
    for (const instance of cluster.instances) {
      instance.server?.child.once('exit', (code, signal) => {
        if (!stopping) log(`${instance.name} exited (${signal ?? code}); nginx sends its requests to the others`);
      });
    }
    console.log(`
  ${APP_NAME} cluster: ${cluster.url}
    ${count} instance${count === 1 ? '' : 's'} behind nginx (round robin), PostgreSQL 15, TLS from a local CA
    ${cluster.httpURL} redirects to https
    CA certificate (trust it to avoid the browser warning; see README "Running a cluster"):
      ${cluster.tls.caCertificate}
    Each response names its instance in the X-Strongroom-Instance header.
  Ctrl-C stops everything.
`);
    await new Promise(() => {}); // until a signal
  } catch (error) {
    console.error(`[cluster] ${error instanceof CommandError ? error.message : error instanceof Error ? error.stack : String(error)}`);
    stopping = true;
    await shutdown(1);
  }
}

main().catch((error: unknown) => {
  // Bad arguments or no nginx: nothing was started yet.
  console.error(`[cluster] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
