// CSRF defence for route handlers, which Next does not check (it only checks
// Server Actions). A state-changing request must carry an Origin equal to the
// host it was sent to; a missing or "null" Origin is refused. "The host" is
// found the way Next's Server Action check finds it — the first
// X-Forwarded-Host value, else Host — so behind a proxy both checks agree.
// (A cross-site page cannot set X-Forwarded-Host on a victim's request: a form
// cannot add headers, and a fetch that does needs a preflight we never grant.)
type RequestLike = { method: string; headers: { get(name: string): string | null } };

export function requestHost(headers: RequestLike['headers']): string | null {
  const forwarded = headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  return forwarded || headers.get('host');
}

export function isSameOriginRequest(request: RequestLike): boolean {
  const origin = request.headers.get('origin');
  const host = requestHost(request.headers);
  if (!origin || origin === 'null' || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

// Fetch Metadata: what the browser says about who initiated the request. A
// browser that omits Origin (older ones on some form posts, or a privacy
// extension stripping it) still sends this, and "cross-site" / "same-site" mean
// a page that is not ours started it. Absent (curl, old browsers) or "none"
// (typed URL, bookmark) or "same-origin" says nothing against the request.
const FOREIGN_FETCH_SITES = new Set(['cross-site', 'same-site']);

/**
 * A browser request that says it comes from another origin (or from an opaque
 * one, "null") — by its Origin or by its Sec-Fetch-Site; either is enough.
 * A request with neither was not made by a page, so it cannot carry a victim's
 * cookies on a site's behalf.
 */
export function isCrossOriginRequest(request: RequestLike): boolean {
  if (FOREIGN_FETCH_SITES.has(request.headers.get('sec-fetch-site')?.trim().toLowerCase() ?? '')) return true;
  return request.headers.get('origin') !== null && !isSameOriginRequest(request);
}
