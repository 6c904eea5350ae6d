// Why a supervisor: when a schema engine dies in the middle of a request, the
// Prisma 7.10 CLI rejects the request, then waits in `stop()` for an `exit`
// event that has already happened, with only an unref'd timer left: Node runs
// out of work and the CLI exits 0 having done nothing. So the process the CLI
// talks to must outlive any crash. This small relay runs the engine in a
// child process (lib/worker.mjs) and, if that child dies (uncaught error, Wasm
// trap, OOM kill, SIGKILL, native crash), answers every open request with an
// error. The CLI then fails with that message and a non-zero exit code.
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { log, logError } from './log.mjs';

const WORKER = path.join(import.meta.dirname, 'worker.mjs');

/** @param {string[]} argv the engine's own arguments, passed on unchanged */
export function supervise(argv) {
  const worker = spawn(process.execPath, [WORKER, ...argv], { stdio: ['pipe', 'pipe', 'pipe'] });
  /** @type {Map<string, { id: unknown, method: string }>} requests the worker has not answered */
  const open = new Map();
  let lastError = '';
  let workerGone = false;
  let inputClosed = false;
  let terminating = false;

  const send = (/** @type {object} */ message) => process.stdout.write(JSON.stringify(message) + '\n');
  const answerWithError = (/** @type {unknown} */ id, /** @type {string} */ message) =>
    send({ jsonrpc: '2.0', id, error: { code: 4466, message, data: { is_panic: false, message, meta: null } } });

  // CLI → worker. Track requests (method + id) until their answer comes back.
  readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
    .on('line', (line) => {
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        message = undefined;
      }
      if (message?.method !== undefined && message.id !== undefined) {
        if (workerGone) return answerWithError(message.id, deathNotice());
        open.set(String(message.id), { id: message.id, method: message.method });
      }
      if (!workerGone) worker.stdin.write(line + '\n');
    })
    .on('close', () => {
      inputClosed = true;
      if (workerGone) process.exit(open.size > 0 || exitCode !== 0 ? 1 : 0);
      worker.stdin.end();
    });
  worker.stdin.on('error', () => {}); // the worker died; its exit handler reports it

  // worker → CLI. An answer closes its request.
  readline.createInterface({ input: worker.stdout, crlfDelay: Infinity }).on('line', (line) => {
    try {
      const message = JSON.parse(line);
      if (message.method === undefined && message.id !== undefined) open.delete(String(message.id));
    } catch {
      // not JSON: pass it on, the CLI reports what it cannot parse
    }
    process.stdout.write(line + '\n');
  });

  // worker logs → CLI, remembering the last error for the death notice.
  readline.createInterface({ input: worker.stderr, crlfDelay: Infinity }).on('line', (line) => {
    try {
      const entry = JSON.parse(line);
      if (entry.level === 'ERROR' && entry.fields?.message) lastError = String(entry.fields.message);
    } catch {
      if (line.trim()) lastError = line; // plain text: a crash Node printed itself
    }
    process.stderr.write(line + '\n');
  });

  let exitCode = 0;
  let exitDescription = '';
  const deathNotice = () =>
    `The schema engine process ${exitDescription}${lastError ? `: ${lastError}` : ''}\n` +
    'The command did not complete: check the database with `prisma migrate status` before retrying.';

  worker.on('exit', (code, signal) => {
    workerGone = true;
    exitCode = code ?? 1;
    exitDescription = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    if (open.size > 0) {
      const notice = deathNotice();
      logError(notice);
      for (const { id, method } of open.values()) {
        log('ERROR', { message: `request ${method} (id ${id}) was not answered` });
        answerWithError(id, notice);
      }
      open.clear();
      exitCode = exitCode || 1;
    }
    // Otherwise stay until the CLI closes our stdin (see the top of this file).
    if (inputClosed || terminating) process.exit(exitCode);
  });
  worker.on('error', (e) => {
    lastError = `cannot start the engine worker: ${e.message}`;
  });

  // The CLI sends SIGTERM when done: let the worker close its connections.
  for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
    process.on(signal, () => {
      terminating = true;
      if (workerGone) process.exit(exitCode);
      worker.kill(signal);
      setTimeout(() => process.exit(exitCode), 3000).unref();
    });
  }
}
