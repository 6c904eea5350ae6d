// Loads @prisma/schema-engine-wasm (the schema engine compiled to WebAssembly,
// byte-identical to the one prisma 7.10.0 ships) without its bundler-style
// entry point, which imports the .wasm file as an ES module.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const PACKAGE = '@prisma/schema-engine-wasm';
// The package exports no package.json; find its directory through the bindings.
const packageDir = () => path.dirname(require.resolve(`${PACKAGE}/schema_engine_bg`));

/** @typedef {typeof import('@prisma/schema-engine-wasm')} WasmBindings */

/** Thrown by PRISMA_WASM_PANIC_REGISTRY when Rust code panics inside the module. */
export class WasmPanic extends Error {
  name = 'WasmPanic';
}

/** @type {Promise<WasmBindings> | undefined} */
let loading;

/** @returns {Promise<WasmBindings>} */
export function loadWasm() {
  loading ??= (async () => {
    const dir = packageDir();
    // A Rust panic calls set_message before trapping; keep the message so the
    // trap that follows can be reported as the panic it is.
    /** @type {any} */ (globalThis).PRISMA_WASM_PANIC_REGISTRY = {
      set_message(/** @type {string} */ message) {
        lastPanic = message;
      },
    };
    const bindings = await import(path.join(dir, 'schema_engine_bg.js'));
    const module = new WebAssembly.Module(fs.readFileSync(path.join(dir, 'schema_engine_bg.wasm')));
    const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports);
    /** @type {any} */ (instance.exports).__wbindgen_start();
    return bindings;
  })();
  return loading;
}

/** @type {string | undefined} */
let lastPanic;

/** The panic message recorded since the last call, if any. */
export function takePanicMessage() {
  const message = lastPanic;
  lastPanic = undefined;
  return message;
}

/** Version of the engine inside the Wasm module (a prisma-engines commit hash). */
export async function wasmVersion() {
  return (await loadWasm()).version();
}

/** The engine version without loading the module (for `--version`, which the CLI calls often). */
export function packagedVersion() {
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir(), 'package.json'), 'utf8'));
  return String(version).split('.').pop() ?? version;
}
