// `npm run prisma:generate:peers` (postinstall runs it, and the benchmark build):
// the probe routes import the peers' client, so the typecheck needs it on a fresh
// clone. `npm run build` does not: the shipped app never imports it (ADR 043).
import { generatePeerClients } from './schema.ts';

await generatePeerClients();
