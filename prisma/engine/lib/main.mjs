// Entry point logic for prisma/engine/schema-engine.mjs: one-shot commands run
// here; the JSON-RPC engine runs in a supervised child (see supervisor.mjs).
import { parseArgs } from './args.mjs';
import { parseDatasourceUrl } from './datasource.mjs';
import { EngineError } from './errors.mjs';
import { captureNodeWarnings, log, logError } from './log.mjs';
import { canConnect, createDatabase, dropDatabase } from './oneshot.mjs';
import { supervise } from './supervisor.mjs';
import { packagedVersion } from './wasm.mjs';

export async function main(/** @type {string[]} */ argv) {
  captureNodeWarnings();
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    logError(`Invalid arguments: ${/** @type {Error} */ (e).message}`);
    process.exit(1);
  }
  if (args.version) {
    process.stdout.write(`schema-engine-cli ${packagedVersion()}\n`);
    return;
  }
  if (args.help) {
    process.stdout.write('Prisma schema engine (Wasm build, Node host). See docs/decisions/003-offline-schema-engine.md\n');
    return;
  }
  if (!args.cliCommand) return supervise(argv);
  // The CLI skips the first stderr line of a one-shot command: make it a harmless one.
  log('INFO', { message: 'Starting schema engine (Wasm, offline)', git_hash: packagedVersion() }, 'schema_engine_cli');
  await runOneShot(args.cliCommand, args.datasource?.url);
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
    process.exit(1);
  }
}
