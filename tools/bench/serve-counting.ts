// The production server (server.ts) with one addition for `npm run bench`:
// the app's Prisma client reports every SQL statement it sends, so the
// benchmark counts database reads and writes per request from the statements
// themselves. Next renders in this process, and lib/db/index.ts takes the
// client it finds on globalThis — so this file puts a counting one there
// before the app loads. The counts are served on 127.0.0.1:BENCH_COUNTER_PORT:
//   GET /counts → { read, write, other, sessionWrites, statements }   POST /reset
// Nothing of this is in the shipped app; only the benchmark starts this entry.
import http from 'node:http';
import { createDbClient } from '../../lib/db/client.ts';
import { createStatementCounter } from '../../test/statements.ts';
import { createPeerDbClient } from './peers/client.ts';

const counterPort = Number(process.env.BENCH_COUNTER_PORT);
if (!Number.isInteger(counterPort) || counterPort <= 0) throw new Error('BENCH_COUNTER_PORT must name a free port');

const counter = createStatementCounter();
// Built before Next sets NODE_ENV=production (which the app's own client sees), so
// Prisma's production error format is asked for: no call site captured per query.
(globalThis as { strongroomDb?: unknown }).strongroomDb = createDbClient(process.env.DATABASE_URL, { onQuery: counter.onQuery, errorFormat: 'minimal' });
// The peers' probe routes take theirs from here too (tools/bench/peers/instances.ts).
(globalThis as { strongroomPeerDb?: unknown }).strongroomPeerDb = createPeerDbClient(process.env.DATABASE_URL, counter.onQuery);

http
  .createServer((request, response) => {
    if (request.method === 'POST' && request.url === '/reset') counter.reset();
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ ...counter.counts(), statements: counter.statements }));
  })
  .listen(counterPort, '127.0.0.1');

await import('../../server.ts');
