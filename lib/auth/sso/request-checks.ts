// Checks on the two SSO requests that need no framework (unit-tested).
/**
 * Starting a sign-in is a GET (a link), so it must not be something another site
 * can trigger: only top-level navigations from our own pages (or a typed URL)
 * start one; prefetches, subresource and cross-site requests do not. Browsers
 * without Fetch Metadata send none of these headers and are let through — for
 * them the flow is still bound to this browser by the state/PKCE cookies.
 */
export function isFirstPartyNavigation(headers: { get(name: string): string | null }): boolean {
  const site = headers.get('sec-fetch-site');
  const mode = headers.get('sec-fetch-mode');
  const purpose = headers.get('sec-purpose') ?? headers.get('purpose') ?? headers.get('next-router-prefetch');
  if (purpose) return false;
  if (mode !== null && mode !== 'navigate') return false;
  if (site !== null && site !== 'same-origin' && site !== 'none') return false;
  return true;
}

/** An authorization request for our client, with the checks we insist on — not a next-auth error page. */
export function isAuthorizationRequest(url: string, clientId: string): boolean {
  try {
    const parsed = new URL(url);
    const p = parsed.searchParams;
    return (
      (parsed.protocol === 'https:' || parsed.protocol === 'http:') &&
      p.get('client_id') === clientId &&
      p.get('response_type') === 'code' &&
      p.get('code_challenge_method') === 'S256' &&
      Boolean(p.get('code_challenge') && p.get('state') && p.get('nonce'))
    );
  } catch {
    return false;
  }
}
