// Turning whatever went wrong into the JSON-RPC error the Prisma CLI renders.
// The CLI reads error.data: is_panic, message, error_code (see runCommand() in
// prisma/build/cli.js); a message without a code is shown as-is.

/** An error with a Prisma error code (P1001, P3018, …) and a user-facing message. */
export class EngineError extends Error {
  /** @param {string} message @param {string} [code] @param {Record<string, unknown>} [meta] */
  constructor(message, code, meta) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.meta = meta;
  }
}

/**
 * The Wasm engine appends a Rust span trace ("   0: module::fn\n  at file.rs:1")
 * to its messages and says "External error id#N" for errors raised in JS
 * (the driver adapter), which live in the adapter factory's registry.
 * @param {string} message
 * @param {{ consumeError(id: number): { error: unknown } | undefined } | undefined} registry
 */
export function cleanMessage(message, registry) {
  const traceStart = message.search(/\n\s*0: [\w:]+/);
  let text = traceStart >= 0 ? message.slice(0, traceStart) : message;
  text = text.replace(/External error id#(\d+)/g, (whole, id) => {
    const entry = registry?.consumeError(Number(id));
    if (!entry) return whole;
    const e = /** @type {any} */ (entry.error);
    return e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : JSON.stringify(e);
  });
  return text.trimEnd();
}

/** Name of the migration a Wasm apply error is about ("with migration_name=…" in its span trace). */
export function failedMigrationName(/** @type {string} */ message) {
  return /apply_script\s+with migration_name="([^"]+)"/.exec(message)?.[1];
}

/**
 * @param {unknown} error
 * @param {{ registry?: any, panic?: string }} [context]
 * @returns {{ code: number, message: string, data: Record<string, unknown> }}
 */
export function toRpcError(error, { registry, panic } = {}) {
  const e = /** @type {any} */ (error);
  if (panic) {
    // The CLI shows error.data.error.message ?? error.message for panics.
    return { code: 4466, message: panic, data: { is_panic: true, message: panic, backtrace: e?.stack ?? null } };
  }
  const raw = e instanceof Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e);
  /** @type {Record<string, unknown>} */
  const data = { is_panic: false, message: cleanMessage(raw, registry), meta: e?.meta ?? null };
  if (typeof e?.code === 'string' && /^P\d{4}$/.test(e.code)) data.error_code = e.code;
  return { code: 4466, message: 'An error happened. Check the data field for details.', data };
}
