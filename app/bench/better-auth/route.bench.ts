// Benchmark build only (app/bench/README.md): Better Auth's getSession with the
// cookie cache off — a database read per request, revocable at the next one.
import { headers } from 'next/headers';
import { betterAuthRevocable } from '@/tools/bench/peers/instances';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const session = await betterAuthRevocable().api.getSession({ headers: await headers() });
  if (!session) return Response.json({ error: 'unauthenticated' }, { status: 401 });
  return Response.json({ userId: session.user.id });
}
