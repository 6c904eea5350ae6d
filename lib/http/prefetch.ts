// Is this request the browser or Next's router fetching ahead, rather than the
// user doing something? Such requests must not count as activity: a page left
// open with links in view would otherwise keep an idle session alive forever.
// A client can forge these headers, but only to *not* extend its own session.
type HeaderReader = { get(name: string): string | null };

export function isPrefetchRequest(headers: HeaderReader): boolean {
  if (headers.get('next-router-prefetch') !== null) return true; // Next's <Link> prefetch
  if (headers.get('next-router-segment-prefetch') !== null) return true; // per-segment prefetch
  if (headers.get('x-middleware-prefetch') !== null) return true;
  const purpose = `${headers.get('sec-purpose') ?? ''},${headers.get('purpose') ?? ''}`.toLowerCase();
  return purpose.includes('prefetch'); // <link rel=prefetch>, speculation rules
}
