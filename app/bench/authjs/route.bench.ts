// Benchmark build only (app/bench/README.md): Auth.js's auth() with the database
// strategy — the session cookie looked up through @auth/prisma-adapter.
import { authJs } from '@/tools/bench/peers/instances';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const session = await authJs().auth();
  if (!session?.user) return Response.json({ error: 'unauthenticated' }, { status: 401 });
  return Response.json({ userId: session.user.id });
}
