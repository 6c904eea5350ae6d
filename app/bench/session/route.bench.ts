// Benchmark build only (app/bench/README.md): the revocable check — middleware,
// then the data access layer's getCurrentSession() (one database read).
import { getCurrentSession } from '@/lib/dal/session';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const current = await getCurrentSession();
  if (current.status !== 'authenticated') return Response.json({ error: 'unauthenticated' }, { status: 401 });
  return Response.json({ userId: current.user.id });
}
