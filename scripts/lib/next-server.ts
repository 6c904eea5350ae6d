// Runs `next start` / `next dev` as a child process that lives and dies with this one.
import { spawn, type ChildProcess } from 'node:child_process';
import { COMPILED_SERVER } from './build-freshness.ts';
import { localBin, projectRoot, type Environment } from './process.ts';

export type NextServerOptions = {
  mode: 'start' | 'dev';
  port: number;
  hostname: string;
  env: Environment;
};

const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Starts Next in the foreground. Signals sent to this process are passed on (a
 * Ctrl-C in a terminal reaches both anyway; `kill <launcher pid>` from a process
 * manager or Playwright only reaches us), and this process exits with Next's status.
 */
export function runNextServer({ mode, port, hostname, env }: NextServerOptions): ChildProcess {
  // Production runs server.ts as `npm run build` compiled it (client address from the
  // socket; what `npm run serve` runs, ADR 043); dev is plain `next dev`.
  const [command, args] =
    mode === 'start'
      ? [process.execPath, [COMPILED_SERVER, '--port', String(port), '--hostname', hostname]]
      : [localBin('next'), ['dev', '--port', String(port), '--hostname', hostname]];
  const child = spawn(command, args, {
    cwd: projectRoot,
    env: env as NodeJS.ProcessEnv,
    stdio: 'inherit',
  });
  const forward = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  child.on('error', (error) => {
    console.error(`Could not start next ${mode}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const s of FORWARDED_SIGNALS) process.off(s, forward);
    // Exiting by a signal we forwarded is a normal shutdown.
    process.exit(code ?? (signal && FORWARDED_SIGNALS.includes(signal) ? 0 : 1));
  });
  return child;
}

/** Resolves true once `url` answers at all (any HTTP status), false after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number, child?: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) return false;
    try {
      await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return false;
}
