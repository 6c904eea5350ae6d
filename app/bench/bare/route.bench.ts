// Benchmark build only (app/bench/README.md): the no-middleware baseline.
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ ok: true });
}
