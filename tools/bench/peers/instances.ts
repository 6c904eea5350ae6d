import 'server-only';
// The peers inside the benchmark build's server (the probe routes app/bench/*/route.bench.ts):
// one client and one instance each per process. tools/bench/serve-counting.ts
// puts a statement-counting client on globalThis first, as it does for the app's.
import { env } from '@/lib/env';
import { resolveDatabase } from '@/lib/config/database-url';
import { createAuthJs } from './authjs.ts';
import { createBetterAuth } from './better-auth.ts';
import { createPeerDbClient, type PeerDb } from './client.ts';

// Built at the first request, not at import: `next build` loads the routes without the secret.
const globalForPeers = globalThis as unknown as { strongroomPeerDb?: PeerDb };
const peerDb = () => (globalForPeers.strongroomPeerDb ??= createPeerDbClient(env.DATABASE_URL));
const provider = () => resolveDatabase(env.DATABASE_URL).provider;

/** The bench script passes the peers' secret (one for both; never the app's keys). */
function peerSecret(): string {
  const secret = process.env.BENCH_PEER_SECRET;
  if (!secret || secret.length < 32) throw new Error('BENCH_PEER_SECRET (≥ 32 characters) is set by `npm run bench`');
  return secret;
}

function once<T>(create: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= create());
}

export const betterAuthRevocable = once(() => createBetterAuth(peerDb(), provider(), 'revocable', peerSecret()));
export const betterAuthCookieCache = once(() => createBetterAuth(peerDb(), provider(), 'cookie-cache', peerSecret()));
export const authJs = once(() => createAuthJs(peerDb(), peerSecret()));
