// The production server (server.ts) with timings for `npm run test:load`.
// Per request: from Node handing it over (just before serve.ts stamps its
// arrival) to its last byte written, or to the client hanging up. And the event
// loop's delay: the longest a request's bytes can sit in a socket before the
// handler runs, which the arrival stamp cannot see (issue 20). Set against the
// client's latency, they tell where a slow request waited.
// Served on 127.0.0.1:LOAD_TIMING_PORT: GET → the figures, POST /reset.
// Nothing of this is in the shipped app; only the load test starts this entry.
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export type ServerTimings = {
  inServerMs: number[];
  loopDelayMs: { p50: number; p99: number; max: number };
  /** The load client's request id (x-load-request) → wall-clock ms when Node handed the request over. */
  handedOverAt: Record<string, number>;
};

const timingPort = Number(process.env.LOAD_TIMING_PORT);
if (!Number.isInteger(timingPort) || timingPort <= 0) throw new Error('LOAD_TIMING_PORT must name a free port');

let inServerMs: number[] = [];
let handedOverAt: Record<string, number> = {};
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

const timingServer = http.createServer((request, response) => {
  if (request.method === 'POST') {
    inServerMs = [];
    handedOverAt = {};
    loopDelay.reset();
  }
  const ms = (ns: number) => Math.round(ns / 1e6);
  const body: ServerTimings = { inServerMs, loopDelayMs: { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) }, handedOverAt };
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(body));
});
timingServer.listen(timingPort, '127.0.0.1');

// Every server's 'request' passes through emit: time it from there (serve.ts's listener runs next).
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function timedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
  if (event === 'request' && this !== timingServer) {
    const handedOver = performance.now();
    const id = (args[0] as http.IncomingMessage).headers['x-load-request'];
    if (typeof id === 'string') handedOverAt[id] = Date.now();
    // 'close': after the last byte, or when the client hung up first.
    (args[1] as http.ServerResponse).once('close', () => inServerMs.push(Math.round(performance.now() - handedOver)));
  }
  return Reflect.apply(emit, this, [event, ...args]) as boolean;
} as typeof emit;

await import('../../server.ts');
