// Benchmark build only (app/bench/README.md): Better Auth's getSession with the
// cookie cache on — the session read from a signed cookie for up to 5 minutes,
// so a revoked session keeps working that long.
import { headers } from 'next/headers';
import { betterAuthCookieCache } from '@/tools/bench/peers/instances';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const session = await betterAuthCookieCache().api.getSession({ headers: await headers() });
  if (!session) return Response.json({ error: 'unauthenticated' }, { status: 401 });
  return Response.json({ userId: session.user.id });
}
