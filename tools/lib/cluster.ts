// Several production app instances on one database behind nginx with TLS: the
// fleet `npm run cluster` runs, and what the multi-instance e2e
// (e2e/cluster/) and `npm run test:load -- --cluster` drive. Each instance gets
// the same secrets and settings, TRUST_PROXY=true (nginx is the one proxy in
// front), TRUST_REQUEST_START=true (nginx overwrites X-Request-Start) and CLUSTER_INSTANCE=app-N, which makes it name itself in a response
// header (lib/http/instance-header.ts). Instances can be stopped and started
// again on their own port — a rolling restart — while nginx keeps serving.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort, startAppServer, type AppServer } from './app-server.ts';
import { startNginx, type Nginx } from './nginx.ts';
import type { Environment } from '../../scripts/lib/process.ts';
import { ensureClusterTls, type ClusterTls } from './tls.ts';

export type ClusterInstance = { name: string; port: number; directURL: string; server: AppServer | null };

export type Cluster = {
  /** https://localhost:<port>, through nginx. */
  url: string;
  /** http://localhost:<port>, which only redirects to url. */
  httpURL: string;
  tls: ClusterTls;
  nginx: Nginx;
  instances: ClusterInstance[];
  stopInstance: (index: number) => Promise<void>;
  /** Starts a stopped instance again on its port, with `env` on top of the cluster's. */
  startInstance: (index: number, env?: Environment) => Promise<void>;
  stop: () => Promise<void>;
};

export type ClusterOptions = {
  instances: number;
  /** Settings for every instance (DATABASE_URL, SESSION_SECRETS, session policy …). */
  env: Environment;
  httpsPort?: number;
  accessLog?: boolean;
  /** Instances print their banner and logs. */
  verbose?: boolean;
};

export const instanceName = (index: number) => `app-${index + 1}`;

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const tls = ensureClusterTls();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-nginx-'));
  const instances: ClusterInstance[] = [];
  for (let index = 0; index < options.instances; index++) {
    const port = await findFreePort();
    instances.push({ name: instanceName(index), port, directURL: `http://127.0.0.1:${port}`, server: null });
  }

  const startInstance = async (index: number, env: Environment = {}) => {
    const instance = instances[index]!;
    if (instance.server) throw new Error(`${instance.name} is already running`);
    instance.server = await startAppServer({
      // WebAuthn checks the origin the browser reports: nginx's, not the instance's own.
      env: { RP_ORIGIN: publicOrigin, ...options.env, ...env, TRUST_PROXY: 'true', TRUST_REQUEST_START: 'true', CLUSTER_INSTANCE: instance.name },
      port: instance.port,
      quiet: !options.verbose,
    });
  };
  const stopInstance = async (index: number) => {
    const instance = instances[index]!;
    await instance.server?.stop();
    instance.server = null;
  };

  // Chosen before the instances start: they must know the public origin (passkeys are bound to it).
  const taken = new Set(instances.map((i) => i.port));
  let httpsPort = options.httpsPort ?? (await findFreePort());
  while (options.httpsPort === undefined && taken.has(httpsPort)) httpsPort = await findFreePort();
  let httpPort = await findFreePort();
  while (httpPort === httpsPort || taken.has(httpPort)) httpPort = await findFreePort();
  const publicOrigin = `https://localhost:${httpsPort}`;

  let nginx: Nginx | undefined;
  const stop = async () => {
    await nginx?.stop();
    await Promise.all(instances.map((_, index) => stopInstance(index)));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    // One after another: on 2 cores, parallel cold starts only slow each other down.
    for (let index = 0; index < instances.length; index++) await startInstance(index);
    nginx = await startNginx({ dir, httpsPort, httpPort, upstreamPorts: instances.map((i) => i.port), tls, accessLog: options.accessLog });
    return {
      url: publicOrigin,
      httpURL: `http://localhost:${httpPort}`,
      tls,
      nginx,
      instances,
      stopInstance,
      startInstance,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
