// A production app server in a child process (server.ts, the build in
// .next) on a port of our choosing, for load tests, benchmarks and the cluster.
// It dies with the caller; stop() waits for it.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { waitForHttp } from '../../scripts/lib/next-server.ts';
import { buildStatus, markBuiltAsOf } from '../../scripts/lib/build-freshness.ts';
import { localBin, npmCommand, projectRoot, runOrFail, type Environment } from '../../scripts/lib/process.ts';

export type AppServer = { baseURL: string; port: number; child: ChildProcess; stop: () => Promise<void> };

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * `npm run build` unless the build in `distDir` (.next; the benchmark build's
 * .next-bench when env sets STRONGROOM_BENCH_BUILD=1) is newer than every input.
 */
export async function ensureProductionBuild(env: Environment, log: (line: string) => void, distDir = '.next'): Promise<void> {
  const status = buildStatus(projectRoot, distDir);
  if (status.fresh) return;
  log(`building (${status.reason}) — about a minute`);
  const npm = npmCommand();
  const { NODE_ENV: _inherited, ...inherited } = process.env; // next build sets it
  const started = Date.now();
  // The benchmark build's probes import the peers' client, which `npm run build` no longer generates (ADR 043).
  if (distDir !== '.next') await runOrFail('Generating the peers\' Prisma client', npm.command, [...npm.prefixArgs, 'run', 'prisma:generate:peers'], { env: { ...inherited, ...env }, quiet: true });
  await runOrFail('The build', npm.command, [...npm.prefixArgs, 'run', 'build'], { env: { ...inherited, ...env }, quiet: true });
  markBuiltAsOf(projectRoot, started, distDir);
}

export type AppServerOptions = {
  env: Environment;
  port?: number;
  /** The interface to listen on and the host of baseURL (default 127.0.0.1). */
  hostname?: string;
  /** Inherit stdout (the server's banner and logs); stderr is always inherited. */
  quiet?: boolean;
  /** How long to wait for /api/health to answer. */
  startTimeoutMs?: number;
  /** Another entry that ends up running server.ts (the benchmark's statement-counting one). */
  entry?: string;
  /** For node itself, e.g. --cpu-prof. */
  nodeOptions?: string[];
  /** Plain `next start` on the same build instead — only to prove what that unsupported path refuses (ADR 033). */
  plainNextStart?: boolean;
};

export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const port = options.port ?? (await findFreePort());
  const hostname = options.hostname ?? '127.0.0.1';
  // Next sets NODE_ENV itself: this shell's is dropped; a caller's own (a production launch) is kept.
  const { NODE_ENV: _inherited, ...inherited } = process.env;
  const env: Environment = { ...inherited, ...options.env, PORT: String(port) };
  const entry = options.entry ?? 'server.ts';
  const nodeArgs = options.nodeOptions ?? [];
  const [command, args] = options.plainNextStart
    ? [localBin('next'), ['start', '--port', String(port), '--hostname', hostname]]
    : [localBin('tsx'), [...nodeArgs, entry, '--port', String(port), '--hostname', hostname]];
  const child = spawn(command, args, {
    cwd: projectRoot,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', options.quiet === false ? 'inherit' : 'ignore', 'inherit'],
  });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const baseURL = `http://${hostname}:${port}`;
  if (!(await waitForHttp(`${baseURL}/api/health`, options.startTimeoutMs ?? 90_000, child))) {
    kill();
    throw new Error(`the app server on ${baseURL} did not start`);
  }
  return {
    baseURL,
    port,
    child,
    stop: async () => {
      process.off('exit', kill);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
