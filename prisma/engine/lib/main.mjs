// Entry point logic for prisma/engine/schema-engine.mjs.
import { parseArgs } from './args.mjs';
import { parseDatasourceUrl } from './datasource.mjs';
import { OfflineSchemaEngine } from './engine.mjs';
import { EngineError } from './errors.mjs';
import { injectFault } from './faults.mjs';
import { captureNodeWarnings, log, logError } from './log.mjs';
import { canConnect, createDatabase, dropDatabase } from './oneshot.mjs';
import { serveJsonRpc } from './rpc.mjs';
import { packagedVersion } from './wasm.mjs';

const EXIT_ERROR = 1; // the CLI reports "Error in Schema engine: <last ERROR log line>"
const EXIT_PANIC = 101; // what a Rust panic exits with; the CLI reports a panic

export async function main(/** @type {string[]} */ argv) {
  captureNodeWarnings();
  installCrashGuards();
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    logError(`Invalid arguments: ${/** @type {Error} */ (e).message}`);
    process.exit(EXIT_ERROR);
  }
  if (args.version) {
    process.stdout.write(`schema-engine-cli ${packagedVersion()}\n`);
    return;
  }
  if (args.help) {
    process.stdout.write('Prisma schema engine (Wasm build, Node host). See docs/decisions/003-offline-schema-engine.md\n');
    return;
  }
  // The CLI skips the first stderr line of a one-shot command: make it a harmless one.
  log('INFO', { message: 'Starting schema engine (Wasm, offline)', git_hash: packagedVersion() }, 'schema_engine_cli');
  if (args.cliCommand) return runOneShot(args.cliCommand, args.datasource?.url);
  serve(new OfflineSchemaEngine({ datamodels: args.datamodels, datasource: args.datasource }));
}

/** @param {string} command @param {string | undefined} url */
async function runOneShot(command, url) {
  try {
    if (!url) throw new EngineError('No datasource URL given (--datasource \'{"url": …}\').');
    const target = parseDatasourceUrl(url);
    if (command === 'can-connect-to-database') await canConnect(target);
    else if (command === 'create-database') process.stdout.write(`Database ${await createDatabase(target)} created successfully.\n`);
    else if (command === 'drop-database') await dropDatabase(target);
    else throw new EngineError(`Unknown cli command: ${command}`);
  } catch (e) {
    const error = /** @type {any} */ (e);
    logError(error?.message ?? String(error), { errorCode: error?.code?.startsWith?.('P') ? error.code : undefined });
    process.exit(EXIT_ERROR);
  }
}

/** @param {OfflineSchemaEngine} engine */
function serve(engine) {
  let closing = false;
  const shutdown = async (/** @type {number} */ code) => {
    if (closing) return;
    closing = true;
    // Close connections (and drop shadow databases) before going; the CLI
    // does not wait for us, so do not linger either.
    const timer = setTimeout(() => process.exit(code), 3000);
    timer.unref();
    await engine.close().catch((e) => log('WARN', { message: `closing connections failed: ${e}` }));
    process.exit(code);
  };

  const { pending } = serveJsonRpc({
    call: async (method, params, client) => {
      await injectFault(method, { debugPanic: () => engine.call('debugPanic', {}, client) });
      return engine.call(method, params, client);
    },
    registry: () => undefined,
    onPanic: () => process.exit(EXIT_PANIC),
    onEnd: () => void shutdown(0),
  });

  // The CLI sends SIGTERM as soon as it is done with us (and Ctrl-C sends SIGINT).
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(130));

  // Pitfall: the CLI treats exit code 0 as "nothing to report" even with a
  // request in flight, and then exits 0 itself having done nothing. Never
  // leave with work pending and a zero code.
  process.on('exit', (code) => {
    if (code === 0 && pending.size > 0 && !closing) {
      logError(`The schema engine stopped with ${pending.size} request(s) unanswered.`);
      process.exitCode = EXIT_ERROR;
    }
  });
}

function installCrashGuards() {
  const crash = (/** @type {unknown} */ error) => {
    const e = /** @type {any} */ (error);
    logError(`Schema engine crashed: ${e?.stack ?? e}`);
    process.exit(EXIT_ERROR);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}
