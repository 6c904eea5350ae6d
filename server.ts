// The production HTTP server: Next's request handler behind a plain Node
// server, so that the client address comes from the socket and not from an
// X-Forwarded-For the client wrote (Next keeps a client-sent one). Everything
// else is what `next start` does — plus what only this first JavaScript to see
// a request can do: refuse request targets Next mishandles (`OPTIONS *`,
// absolute-form), and stamp when it arrived and how slowly the server was
// answering then (lib/session/request-facts.ts, lib/http/server-lag.ts), so
// rotation's grace is judged as of arrival even when the request then waits
// behind others inside Next, and a slow response is not taken for a lost one.
// A production build refuses requests without that stamp: this server is the
// only supported way to run it (ADR 033).
//   tsx server.ts --port 3000 --hostname localhost
import http from 'node:http';
import { parseArgs } from 'node:util';
import next from 'next';
import { rewriteForwardedFor } from './lib/http/forwarded-for.ts';
import { instanceHeader } from './lib/http/instance-header.ts';
import { isPrefetchRequest } from './lib/http/prefetch.ts';
import { arrivalTime, REQUEST_START_HEADER } from './lib/http/request-start.ts';
import { isOriginFormTarget } from './lib/http/request-target.ts';
import { createServerLag } from './lib/http/server-lag.ts';
import { ARRIVAL_HEADER, createRequestStamper } from './lib/session/request-facts.ts';
import { EnvError } from './lib/config/env-schema.ts';
import { APP_NAME } from './lib/config/app-name.ts';
import { projectRoot } from './scripts/lib/process.ts';
import { loadServerSettings } from './scripts/lib/server-env.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: '3000' }, hostname: { type: 'string', default: 'localhost' } } });
const port = Number(values.port);
const hostname = values.hostname;
// After the env files are loaded, and through the app's own validation, so this
// process and the app agree on TRUST_PROXY (scripts/lib/server-env.ts).
const { trustProxy, requestStart, sessionSecrets, instanceName } = loadSettingsOrExit();
// Next sets NODE_ENV=production before the app reads it; the operator's, for the app (env LAUNCH_NODE_ENV).
process.env.LAUNCH_NODE_ENV = process.env.NODE_ENV || 'development';
const instance = instanceHeader(instanceName); // cluster mode only (npm run cluster)
const stamper = createRequestStamper(sessionSecrets);
const lag = createServerLag();

// What `next start` sets too: the origin Next fetches a Server Action's redirect
// target from. Without it Next derives one from X-Forwarded-Proto, and behind a
// TLS proxy tries https on this plain-http port ("failed to get redirect response").
process.env.__NEXT_PRIVATE_ORIGIN ??= `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
const app = next({ dev: false, dir: projectRoot, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((request, response) => {
  // `OPTIONS *`, `GET http://evil.example/`, `CONNECT host:443`: a 400 here, not Next's 500.
  if (!isOriginFormTarget(request.url)) {
    response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' });
    response.end('Bad request target.\n');
    return;
  }
  const prefetch = isPrefetchRequest({ get: (name) => [request.headers[name]].flat()[0] ?? null });
  // With TRUST_REQUEST_START, arrival is when the proxy received it, within a bound (lib/http/request-start.ts).
  const at = arrivalTime(request.headers[REQUEST_START_HEADER], requestStart, new Date());
  const lagMs = lag.current(Date.now());
  if (request.method === 'GET' || request.method === 'HEAD') timeToHeaders(response);
  request.headers[ARRIVAL_HEADER] = stamper.writeArrival({ at, prefetch, lagMs }); // replaces any client-sent one
  request.headers['x-forwarded-for'] = rewriteForwardedFor(request.headers['x-forwarded-for'], request.socket.remoteAddress, trustProxy);
  if (instance) response.setHeader(...instance);
  void handle(request, response);
});
// Node hands CONNECT (authority-form) to this event, not to the handler above; unanswered, the socket just closed.
server.on('connect', (_request, socket) => {
  socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 21\r\nConnection: close\r\n\r\nBad request target.\n');
});
server.listen(port, hostname, () => {
  console.log(`  ▲ ${APP_NAME} ready on http://${hostname}:${port}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref(); // keep-alive sockets
  });
}

/** Feeds the server's lag: when this response's headers are written (Node writes them through writeHead), or the client left. */
function timeToHeaders(response: http.ServerResponse): void {
  const answered = lag.started(Date.now());
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => http.ServerResponse;
  response.writeHead = ((...args: unknown[]) => {
    answered(Date.now());
    return writeHead(...args);
  }) as typeof response.writeHead;
  response.once('close', () => answered(Date.now()));
}

function loadSettingsOrExit(): ReturnType<typeof loadServerSettings> {
  try {
    return loadServerSettings(projectRoot);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`\n[server] ${error.message}\n`);
    process.exit(1);
  }
}
