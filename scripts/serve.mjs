// `npm run serve`: the production server as `npm run build` compiled it
// (.next/strongroom-server.mjs, from server.ts; ADR 043). Plain JavaScript, so
// serving needs neither tsx nor TypeScript. Run it from the project folder.
// Without a build it says so in one line instead of Node's stack trace.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const server = path.join(process.cwd(), '.next', 'strongroom-server.mjs');
if (!fs.existsSync(server)) {
  console.error(`\n[serve] ${path.relative(process.cwd(), server)} is missing: run \`npm run build\` first (in the project folder).\n`);
  process.exit(1);
}
await import(pathToFileURL(server).href);
