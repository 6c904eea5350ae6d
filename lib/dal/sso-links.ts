import 'server-only';
// The security centre's linked SSO identities: listing them and Unlink, by the
// signed-in user's id (its own module: lib/auth/sso's entry point loads next-auth).
import { db } from '../db';
import { listLinkedIdentities, unlinkSsoIdentity } from '../auth/sso';
import type { RequestContext } from '../session';

export async function fetchLinkedIdentities(userId: string) {
  return listLinkedIdentities(db, userId);
}

/** Call only after requireFreshAuth(): unlinking is a sensitive action. Someone else's identity id is "not found". */
export async function unlinkUserIdentity(userId: string, identityId: string, context: RequestContext) {
  return unlinkSsoIdentity(db, { userId, identityId, context });
}
