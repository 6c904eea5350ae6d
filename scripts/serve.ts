// The production HTTP server: Next's request handler behind a plain Node
// server, so that the client address comes from the socket and not from an
// X-Forwarded-For the client wrote (Next keeps a client-sent one). Everything
// else is what `next start` does.
//   tsx scripts/serve.ts --port 3000 --hostname localhost
import http from 'node:http';
import { parseArgs } from 'node:util';
import next from 'next';
import { rewriteForwardedFor } from '../lib/http/forwarded-for.ts';
import { projectRoot } from './lib/process.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: '3000' }, hostname: { type: 'string', default: 'localhost' } } });
const port = Number(values.port);
const hostname = values.hostname;
const trustProxy = ['true', '1'].includes(process.env.TRUST_PROXY ?? '');

const app = next({ dev: false, dir: projectRoot, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((request, response) => {
  request.headers['x-forwarded-for'] = rewriteForwardedFor(request.headers['x-forwarded-for'], request.socket.remoteAddress, trustProxy);
  void handle(request, response);
});
server.listen(port, hostname, () => {
  console.log(`  ▲ Strongroom ready on http://${hostname}:${port}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref(); // keep-alive sockets
  });
}
