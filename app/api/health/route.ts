import { probeDatabase } from '@/lib/dal/health';
import { unstampedRequestRefusal } from '@/lib/http/production-server';
import { requestStamper } from '@/lib/session';

// Public liveness + database probe for load balancers. Middleware skips it, so
// it makes the production-server check itself: an instance started outside
// server.ts reports unhealthy instead of serving (ADR 033).
export async function GET(request: Request) {
  const outsideProductionServer = unstampedRequestRefusal(requestStamper.readArrival(request.headers, new Date()), process.env.NODE_ENV);
  if (outsideProductionServer) return outsideProductionServer;
  const probe = await probeDatabase();
  if (probe.ok) return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
  console.error('[health] database check failed:', probe.error instanceof Error ? probe.error.message : probe.error);
  return Response.json(
    { status: 'unavailable', checks: { database: 'unreachable' } },
    { status: 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
