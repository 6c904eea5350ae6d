// Benchmark build only (app/bench/README.md): the bare route, through middleware.
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ ok: true });
}
