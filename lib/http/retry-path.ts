// The path (and query) of the current request, set by middleware on the request
// it forwards (replacing any a client sent). When the data access layer finds
// the database gone mid-request it redirects here, so the browser asks again and
// middleware — which now knows — answers the calm 503 page at the same URL
// instead of the request failing with a 500.
import { safeNextPath } from './safe-redirect';

export const RETRY_PATH_HEADER = 'x-strongroom-retry-path';

/** A same-site path to retry, or null (no header: middleware did not run). */
export function retryPathFrom(headers: Headers): string | null {
  const value = headers.get(RETRY_PATH_HEADER);
  if (!value) return null;
  const safe = safeNextPath(value, '');
  if (safe !== '') return safe;
  // safeNextPath never returns the sign-in pages (a post-login target); here they are fine.
  return /^\/login(?:\/mfa)?(?:\?|$)/.test(value) ? value.split('?')[0]! : null;
}
