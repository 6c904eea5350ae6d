// Fault injection for the tests that prove a broken engine fails loudly.
// STRONGROOM_ENGINE_FAULT=<method>:<kind> is honoured only under vitest.
//   exit0  the process exits 0 in the middle of the request (the silent failure)
//   throw  an uncaught exception
//   panic  a real Rust panic inside the Wasm module (debugPanic)
//   kill   SIGKILL, as the OOM killer would

/** @returns {{ method: string, kind: string } | undefined} */
export function configuredFault() {
  const spec = process.env.STRONGROOM_ENGINE_FAULT;
  if (!spec || !process.env.VITEST) return undefined;
  const [method = '', kind = ''] = spec.split(':');
  return { method, kind };
}

/**
 * Runs before `method`; may never return.
 * @param {string} method
 * @param {{ debugPanic(): Promise<unknown> }} engine
 */
export async function injectFault(method, engine) {
  const fault = configuredFault();
  if (!fault || fault.method !== method) return;
  switch (fault.kind) {
    case 'exit0':
      process.exit(0);
    // falls through (unreachable)
    case 'throw':
      setImmediate(() => {
        throw new Error(`injected crash in ${method}`);
      });
      await new Promise(() => {}); // the request never completes
      break;
    case 'panic':
      await engine.debugPanic();
      break;
    case 'kill':
      process.kill(process.pid, 'SIGKILL');
      await new Promise(() => {});
      break;
  }
}
