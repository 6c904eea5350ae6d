import { probeDatabase } from '@/lib/dal/health';
import { unstampedRequestRefusal } from '@/lib/http/production-server';
import { requestStamper } from '@/lib/session';

// Public readiness probe for load balancers: the database answers and has every
// migration this build expects. Middleware skips it, so
// it makes the production-server check itself: an instance started outside
// server.ts reports unhealthy instead of serving (ADR 033).
export async function GET(request: Request) {
  const outsideProductionServer = unstampedRequestRefusal(requestStamper.readArrival(request.headers, new Date()), process.env.NODE_ENV);
  if (outsideProductionServer) return outsideProductionServer;
  const probe = await probeDatabase();
  if (!probe.ok) {
    console.error('[health] database check failed:', probe.error instanceof Error ? probe.error.message : probe.error);
    return Response.json({ status: 'unavailable', checks: { database: 'unreachable' } }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
  }
  // Reachable but behind this build's schema: sign-in would fail (ADR 043; `npm run db:migrate`).
  if (probe.pending.length > 0) {
    return Response.json(
      { status: 'not-ready', reason: 'migrations pending', checks: { database: 'reachable', migrations: `${probe.pending.length} pending` } },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
}
