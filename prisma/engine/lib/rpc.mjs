// Line-delimited JSON-RPC 2.0 over stdin/stdout, as the CLI speaks it to the
// native engine. Requests run one at a time (the CLI sends one at a time, and
// the Wasm engine is not meant to be re-entered). The engine may itself ask the
// CLI to `print` (used by diff); the CLI answers on stdin.
import readline from 'node:readline';
import { EngineError, toRpcError } from './errors.mjs';
import { log, logError } from './log.mjs';
import { WasmPanic } from './wasm.mjs';

/**
 * @param {{
 *   call(method: string, params: unknown, client: { print(content: string): Promise<void> }): Promise<unknown>,
 *   onPanic(): void,
 *   onEnd(): void,
 * }} engine
 */
export function serveJsonRpc(engine) {
  /** Requests received and not yet answered: the exit guard in main.mjs reads this. */
  const pending = new Set();
  /** @type {Map<number, (message: any) => void>} */
  const awaitingClient = new Map();
  let nextOwnId = 1;
  let queue = Promise.resolve();

  const send = (/** @type {object} */ message) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', ...message }) + '\n');

  const client = {
    print: (/** @type {string} */ content) =>
      new Promise((resolve) => {
        const id = nextOwnId++;
        awaitingClient.set(id, resolve);
        send({ id, method: 'print', params: { content } });
      }).then(() => {}),
  };

  /** @param {{ id?: number | string, method: string, params?: unknown }} request */
  async function handle(request) {
    const { id, method, params } = request;
    try {
      const result = await engine.call(method, params, client);
      // `result` must be present for the CLI to see an answer (void methods answer {}).
      if (id !== undefined) send({ id, result: result ?? {} });
    } catch (error) {
      const panic = error instanceof WasmPanic ? error.message : undefined;
      const rpcError = toRpcError(error, { panic });
      logError(String(rpcError.data.message), { errorCode: /** @type {string} */ (rpcError.data.error_code), isPanic: !!panic });
      if (id !== undefined) send({ id, error: rpcError });
      // After a panic the Wasm instance is unusable: exit as the native engine does.
      if (panic) engine.onPanic();
    }
  }

  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (!line.trim()) return;
    /** @type {any} */
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      send({ id: null, error: { code: -32700, message: 'Parse error', data: { is_panic: false, message: `Not JSON: ${line.slice(0, 200)}` } } });
      return;
    }
    if (message.method === undefined) {
      // An answer to one of our requests (print).
      awaitingClient.get(message.id)?.(message);
      awaitingClient.delete(message.id);
      return;
    }
    if (typeof message.method !== 'string') {
      send({ id: message.id ?? null, error: toRpcError(new EngineError('Invalid request: no method')) });
      return;
    }
    const token = {};
    pending.add(token);
    log('DEBUG', { message: `rpc ${message.method}` });
    queue = queue.then(() => handle(message)).finally(() => pending.delete(token));
  });
  lines.on('close', () => queue.then(() => engine.onEnd()));
  return { pending };
}
