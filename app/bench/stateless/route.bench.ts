// Benchmark build only (app/bench/README.md): how iron-session apps usually
// gate a route — a stateless { userId } cookie unsealed in middleware and again
// in the handler, nothing revocable. Our middleware cannot do the first unseal
// for it (it knows only its own cookie), so this handler does both: the same
// two uncached unsealData calls per request, on top of the project's middleware.
import { cookies } from 'next/headers';
import { unsealData } from 'iron-session';
import { env } from '@/lib/env';

export const dynamic = 'force-dynamic';
const STATELESS_COOKIE = 'bench-stateless'; // tools/bench/http.ts sets it

async function unsealUser(seal: string): Promise<string | null> {
  const data = await unsealData<{ userId?: string }>(seal, { password: env.SESSION_SECRETS, ttl: 43_200 });
  return typeof data.userId === 'string' ? data.userId : null;
}

export async function GET(): Promise<Response> {
  const seal = (await cookies()).get(STATELESS_COOKIE)?.value;
  if (!seal || !(await unsealUser(seal))) return Response.json({ error: 'unauthenticated' }, { status: 401 }); // "middleware"
  const userId = await unsealUser(seal); // the handler
  if (!userId) return Response.json({ error: 'unauthenticated' }, { status: 401 });
  return Response.json({ userId });
}
