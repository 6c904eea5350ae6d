import { databaseAvailability, db, isDatabaseUnreachableError } from '@/lib/db';

// Public liveness + database probe for load balancers. Middleware skips it.
export async function GET() {
  try {
    await db.$queryRaw`SELECT 1`;
    databaseAvailability.markReachable();
    return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    console.error('[health] database check failed:', error instanceof Error ? error.message : error);
    if (isDatabaseUnreachableError(error)) databaseAvailability.markSuspect(error);
    return Response.json(
      { status: 'unavailable', checks: { database: 'unreachable' } },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    );
  }
}
