// Auth.js (next-auth v5) with the database session strategy and its Prisma
// adapter, as its docs recommend: `auth()` reads the session cookie and calls
// the adapter's getSessionAndUser (one query joining the user), refreshing the
// expiry at most once per updateAge (default 24 h). The provider is never
// contacted: the benchmark only validates an existing session.
import { PrismaAdapter } from '@auth/prisma-adapter';
import NextAuth from 'next-auth';
import type { PeerDb } from './client.ts';

export function createAuthJs(db: PeerDb, secret: string) {
  return NextAuth({
    adapter: PrismaAdapter(db as never),
    session: { strategy: 'database' },
    secret,
    trustHost: true,
    basePath: '/bench/authjs/auth',
    providers: [{ id: 'bench-idp', name: 'Bench IdP', type: 'oidc', issuer: 'http://127.0.0.1:1', clientId: 'bench', clientSecret: 'bench' }],
  });
}
