// Creates the peers' tables in the benchmark database and a real session for
// each, the way each library creates one at sign-in, and returns the cookies
// a signed-in browser would send.
import crypto from 'node:crypto';
import { PrismaAdapter } from '@auth/prisma-adapter';
import type { DatabaseProvider } from '../../../lib/config/database-url.ts';
import { createBetterAuth } from './better-auth.ts';
import { createPeerDbClient } from './client.ts';
import { peerTableStatements, writePeerTableStatements } from './schema.ts';

export type PeerCookies = {
  betterAuth: string;
  authJs: string;
  /** Better Auth's session cookie plus a freshly minted cookie-cache cookie (valid COOKIE_CACHE_MAX_AGE_SECONDS). */
  mintBetterAuthCached: () => Promise<string>;
};

/** `name=value` pairs from Set-Cookie headers. */
const cookiePairs = (headers: Headers) => headers.getSetCookie().map((line) => line.split(';')[0]!);

export async function seedPeers(databaseUrl: string, provider: DatabaseProvider, secret: string): Promise<{ cookies: PeerCookies; close: () => Promise<void> }> {
  await writePeerTableStatements();
  const db = createPeerDbClient(databaseUrl);
  for (const statement of peerTableStatements(provider)) await db.$executeRawUnsafe(statement);

  // Better Auth: sign up with email and password, which signs in (a session row and its signed cookie).
  const betterAuth = createBetterAuth(db, provider, 'revocable', secret);
  const signUp = await betterAuth.api.signUpEmail({
    body: { email: 'alice@example.com', password: crypto.randomBytes(18).toString('base64url'), name: 'Alice' },
    returnHeaders: true,
  });
  const betterAuthCookie = cookiePairs(signUp.headers).find((pair) => pair.includes('session_token='));
  if (!betterAuthCookie) throw new Error('Better Auth set no session cookie at sign-up');

  // Auth.js: what its sign-in callback does through the adapter — a user, then a session row.
  const adapter = PrismaAdapter(db as never);
  const user = await adapter.createUser!({ id: '', email: 'alice@example.com', emailVerified: null, name: 'Alice' });
  const sessionToken = crypto.randomUUID();
  await adapter.createSession!({ sessionToken, userId: user.id, expires: new Date(Date.now() + 30 * 86_400_000) });

  const cached = createBetterAuth(db, provider, 'cookie-cache', secret);
  const mintBetterAuthCached = async () => {
    const result = await cached.api.getSession({ headers: new Headers({ cookie: betterAuthCookie }), returnHeaders: true });
    const cache = cookiePairs(result.headers).find((pair) => pair.includes('session_data='));
    if (!result.response || !cache) throw new Error('Better Auth set no cookie-cache cookie');
    return `${betterAuthCookie}; ${cache}`;
  };
  return {
    cookies: { betterAuth: betterAuthCookie, authJs: `authjs.session-token=${sessionToken}`, mintBetterAuthCached },
    close: () => db.$disconnect(),
  };
}
