// Running the project's own tools as child processes: local binaries from
// node_modules/.bin, output streamed to this terminal, failures that say what failed.
import { spawn, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../lib/config/database-url.ts';

export { projectRoot };

/** A command-line tool installed in node_modules/.bin (never a global one). */
export function localBin(name: string): string {
  const file = path.join(projectRoot, 'node_modules', '.bin', name);
  if (!fs.existsSync(file)) throw new CommandError(`${name} is not installed in node_modules/.bin — run \`npm ci\` first.`);
  return file;
}

/** A failure worth one readable line; the launchers print its message without a stack trace. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

/** Like NodeJS.ProcessEnv, minus the NODE_ENV that Next's types make mandatory. */
export type Environment = Record<string, string | undefined>;

/** `timeoutMs`: kill the command (SIGKILL) when it runs longer; it then counts as failed. */
export type RunOptions = { env?: Environment; cwd?: string; quiet?: boolean; timeoutMs?: number };

/** Runs a command to completion; resolves to its exit code (signals count as failure). */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<number> {
  const spawnOptions: SpawnOptions = {
    cwd: options.cwd ?? projectRoot,
    env: (options.env ?? process.env) as NodeJS.ProcessEnv,
    stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, spawnOptions);
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const status = code ?? (signal ? 128 : 1);
      // Quiet commands stay quiet unless they fail: then their output is the diagnosis.
      if (status !== 0 && options.quiet && output) process.stderr.write(output);
      resolve(status);
    });
  });
}

/** Runs a command and throws a CommandError naming it when it exits non-zero. */
export async function runOrFail(what: string, command: string, args: string[], options: RunOptions = {}): Promise<void> {
  const status = await run(command, args, options);
  if (status !== 0) throw new CommandError(`${what} failed (\`${displayCommand(command, args)}\` exited with ${status}).`);
}

/** `npm run build`, not `/usr/bin/node /usr/lib/node_modules/npm/bin/npm-cli.js run build`. */
function displayCommand(command: string, args: string[]): string {
  const [first, ...rest] = args;
  if (first && /npm-cli\.c?js$/.test(first)) return ['npm', ...rest].join(' ');
  return [path.basename(command), ...args].join(' ');
}

/** npm itself, as the user ran it (npm sets npm_execpath), else the one on PATH. */
export function npmCommand(): { command: string; prefixArgs: string[] } {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /npm-cli\.c?js$/.test(npmCli)) return { command: process.execPath, prefixArgs: [npmCli] };
  return { command: process.platform === 'win32' ? 'npm.cmd' : 'npm', prefixArgs: [] };
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
