// Which paths middleware's optimistic gate sends to /login (pages) or answers
// 401 (APIs) without a well-formed session cookie. Only a first line: the data
// access layer checks every request that touches user data itself.
const protectedPrefixes = ['/dashboard', '/accounts', '/transfers', '/security', '/reauth', '/profile'];
// API routes that answer without a session. a GET of /api/health never reaches middleware (its matcher).
const publicApiPrefixes = ['/api/session', '/api/auth'];

/** `/a` and `/a/…`, never `/ab`: a prefix ends at a path segment. */
const isUnder = (pathname: string, prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

export function isProtectedPath(pathname: string): boolean {
  if (pathname.startsWith('/api/')) return !publicApiPrefixes.some((p) => isUnder(pathname, p));
  return protectedPrefixes.some((p) => isUnder(pathname, p));
}
