// The security centre's linked identities, under the names and call shape the
// app used while lib/auth ran these queries itself: the database client it still
// passes is ignored, and lib/dal/sso-links.ts does the work. Remove once the
// app calls lib/dal/sso-links.ts (fetchLinkedIdentities, unlinkUserIdentity).
import { fetchLinkedIdentities, unlinkUserIdentity, type LinkedIdentity, type UnlinkResult } from '../../dal/sso-links.ts';
import type { RequestContext } from '../../http/request-context.ts';

export type { LinkedIdentity, UnlinkResult };

export function listLinkedIdentities(_client: unknown, userId: string): Promise<LinkedIdentity[]> {
  return fetchLinkedIdentities(userId);
}

export function unlinkSsoIdentity(_client: unknown, input: { userId: string; identityId: string; context: RequestContext }): Promise<UnlinkResult> {
  return unlinkUserIdentity(input.userId, input.identityId, input.context);
}
