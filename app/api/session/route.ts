import { peekCurrentSession } from '@/lib/dal/session';
import { sessionPolicy } from '@/lib/session';
import { absoluteExpiresAt, idleExpiresAt } from '@/lib/session/policy';

// Session status for the idle-timeout warning. Reads without touching, so
// polling it never keeps an idle session alive.
export async function GET() {
  const current = await peekCurrentSession();
  const headers = { 'Cache-Control': 'no-store' };
  if (current.status !== 'authenticated') {
    return Response.json({ authenticated: false, reason: current.reason }, { headers });
  }
  return Response.json(
    {
      authenticated: true,
      idleExpiresAt: idleExpiresAt(current.session, sessionPolicy).toISOString(),
      absoluteExpiresAt: absoluteExpiresAt(current.session, sessionPolicy).toISOString(),
    },
    { headers },
  );
}
