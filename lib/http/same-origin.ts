// CSRF defence for route handlers, which Next does not check (it only checks
// Server Actions). A state-changing request must carry an Origin equal to the
// host it was sent to; a missing or "null" Origin is refused.
type RequestLike = { method: string; headers: { get(name: string): string | null } };

export function isSameOriginRequest(request: RequestLike): boolean {
  const origin = request.headers.get('origin');
  const host = request.headers.get('host');
  if (!origin || origin === 'null' || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
