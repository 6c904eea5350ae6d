// `npm run prisma:generate` (and so postinstall) runs this too: the probe routes
// import the peers' client, so the typecheck needs it on a fresh clone.
import { generatePeerClients } from './schema.ts';

await generatePeerClients();
