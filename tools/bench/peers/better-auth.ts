// Better Auth as its docs recommend for production: database sessions through
// its Prisma adapter, defaults kept (7-day sessions refreshed once a day), the
// cookie cache either off (every getSession reads the database: revocable at
// the next request) or on with the docs' 5-minute maxAge (a revoked session
// keeps working until the cached cookie expires). Tables: ./models.prisma.
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import type { DatabaseProvider } from '../../../lib/config/database-url.ts';
import type { PeerDb } from './client.ts';

/** The docs' example maxAge; also the longest a revoked session stays usable with the cache on. */
export const COOKIE_CACHE_MAX_AGE_SECONDS = 5 * 60;

export type BetterAuthMode = 'revocable' | 'cookie-cache';

export function createBetterAuth(db: PeerDb, provider: DatabaseProvider, mode: BetterAuthMode, secret: string) {
  return betterAuth({
    database: prismaAdapter(db, { provider }),
    secret,
    baseURL: 'http://localhost:3000',
    emailAndPassword: { enabled: true },
    user: { modelName: 'baUser' },
    session: {
      modelName: 'baSession',
      cookieCache: { enabled: mode === 'cookie-cache', maxAge: COOKIE_CACHE_MAX_AGE_SECONDS },
    },
    account: { modelName: 'baAccount' },
    verification: { modelName: 'baVerification' },
    telemetry: { enabled: false },
  });
}
