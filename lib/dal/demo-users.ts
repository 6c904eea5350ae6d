import 'server-only';
// Whether /login may print the demo logins: only where the seeded demo users
// exist, and never when the server was launched with NODE_ENV=production — a
// production database seeded for a smoke test (or by mistake) still shows no
// password. The answer is cached per process for DEMO_USERS_CACHE_MS, so the
// login page costs one tiny read a minute at most, and none in production.
import { db } from '../db';
import { env } from '../env';
import { DEMO_PASSWORD, DEMO_USERS } from '../../prisma/seed/demo-users';

export const DEMO_USERS_CACHE_MS = 60_000;
const DEMO_EMAILS = DEMO_USERS.map((user) => user.email);

let cached: { at: number; exist: Promise<boolean> } | undefined;

/** Whether any seeded demo user exists (cached; a failed read counts as "no" and is not cached). */
export function demoUsersExist(now = Date.now()): Promise<boolean> {
  if (!cached || now - cached.at >= DEMO_USERS_CACHE_MS) {
    const exist = db.user.count({ where: { email: { in: DEMO_EMAILS } } }).then(
      (count) => count > 0,
      () => {
        cached = undefined;
        return false;
      },
    );
    cached = { at: now, exist };
  }
  return cached.exist;
}

/**
 * The hint /login shows, or null. `launchedAs`: the NODE_ENV the server was
 * started with (server.ts records it; Next sets NODE_ENV=production for every build).
 * Production never reads the database for it.
 */
export async function demoLoginHint(launchedAs: string = env.LAUNCH_NODE_ENV ?? env.NODE_ENV): Promise<string | null> {
  if (launchedAs === 'production' || !(await demoUsersExist())) return null;
  return `Demo: ${DEMO_EMAILS.join(' or ')}, password ${DEMO_PASSWORD}.`;
}

/** For tests: forget the cached answer. */
export function forgetDemoUsers(): void {
  cached = undefined;
}
