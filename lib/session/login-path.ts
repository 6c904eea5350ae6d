// Where a signed-out user is sent: /login with the reason in plain terms and,
// when known, the page to return to. Shared by middleware and the DAL.
import { safeNextPath } from '../http/safe-redirect';
import type { SignedOutReason } from './signed-out-reason';

export function loginPath(reason: SignedOutReason, next?: string): string {
  const params = new URLSearchParams();
  if (reason !== 'none') params.set('reason', reason);
  const safeNext = next ? safeNextPath(next, '') : '';
  if (safeNext) params.set('next', safeNext);
  const query = params.toString();
  return query ? `/login?${query}` : '/login';
}
