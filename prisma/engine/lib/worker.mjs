// The engine proper, run by supervisor.mjs: JSON-RPC on stdin/stdout, logs on stderr.
import { parseArgs } from './args.mjs';
import { OfflineSchemaEngine } from './engine.mjs';
import { injectFault } from './faults.mjs';
import { captureNodeWarnings, log, logError } from './log.mjs';
import { serveJsonRpc } from './rpc.mjs';
import { loadWasm } from './wasm.mjs';

const EXIT_ERROR = 1;
const EXIT_PANIC = 101; // what a Rust panic exits with

captureNodeWarnings();
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

// Start compiling the Wasm module while the first request is on its way.
loadWasm().catch(() => {}); // a failure resurfaces, reported, on first use

const args = parseArgs(process.argv.slice(2));
const engine = new OfflineSchemaEngine({ datamodels: args.datamodels, datasource: args.datasource });

let closing = false;
async function shutdown(/** @type {number} */ code) {
  if (closing) return;
  closing = true;
  // Close connections (and drop shadow databases) before going, quickly.
  setTimeout(() => process.exit(code), 3000).unref();
  await engine.close().catch((e) => log('WARN', { message: `closing connections failed: ${e}` }));
  process.exit(code);
}

const { pending } = serveJsonRpc({
  call: async (method, params, client) => {
    await injectFault(method, { debugPanic: () => engine.call('debugPanic', {}, client) });
    return engine.call(method, params, client);
  },
  // After a panic the Wasm instance is unusable; the supervisor answers anything further.
  onPanic: () => process.exit(EXIT_PANIC),
  onEnd: () => void shutdown(0),
});

process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(130));

// Never leave with a request unanswered and a zero exit code: say why.
process.on('exit', (code) => {
  if (code === 0 && pending.size > 0 && !closing) {
    logError(`The schema engine stopped with ${pending.size} request(s) unanswered.`);
    process.exitCode = EXIT_ERROR;
  }
});

function crash(/** @type {unknown} */ error) {
  const e = /** @type {any} */ (error);
  logError(`Schema engine crashed: ${e?.stack ?? e}`);
  process.exit(EXIT_ERROR);
}
