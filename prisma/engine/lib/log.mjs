// Engine logs go to stderr as JSON lines, in the native engine's format: the
// CLI parses them (a line with level ERROR becomes the error it shows when the
// engine dies; one-shot commands must print nothing but JSON on stderr) and
// stdout belongs to JSON-RPC alone.

/**
 * @param {'ERROR'|'WARN'|'INFO'|'DEBUG'} level
 * @param {Record<string, unknown>} fields
 * @param {string} [target]
 */
export function log(level, fields, target = 'schema_engine_wasm_node') {
  const line = JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target });
  try {
    process.stderr.write(line + '\n');
  } catch {
    // stderr closed (the CLI went away): nothing left to tell.
  }
}

/**
 * The error line the CLI looks for: target schema_engine::logger with an
 * error_code and message (see `cx()` in prisma/build/cli.js).
 * @param {string} message
 * @param {{ errorCode?: string, isPanic?: boolean }} [opts]
 */
export function logError(message, { errorCode, isPanic = false } = {}) {
  /** @type {Record<string, unknown>} */
  const fields = { is_panic: isPanic, message };
  if (errorCode) fields.error_code = errorCode;
  log('ERROR', fields, 'schema_engine::logger');
}

/** Forwards a log line produced inside the Wasm engine (already JSON). */
export function forwardWasmLog(/** @type {string} */ line) {
  try {
    process.stderr.write(line.endsWith('\n') ? line : line + '\n');
  } catch {
    // see log()
  }
}

/**
 * Node prints its own warnings (deprecations, pg's sslmode notice) as plain
 * text on stderr, which the CLI cannot parse: turn them into JSON lines.
 */
export function captureNodeWarnings() {
  process.removeAllListeners('warning');
  process.on('warning', (w) => log('WARN', { message: `${w.name}: ${w.message}` }));
}
