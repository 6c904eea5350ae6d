// A user's linked SSO identities, for the security centre: listing them, and
// Unlink (the caller has already required a fresh authentication — step-up).
// Every query is scoped by the signed-in user's id: someone else's identity id
// is simply "not found". Framework-free, tested against a real database.
// docs/decisions/020-sso-link-consent.md
import type { Db } from '../../db/client.ts';
import { recordAuditEvent } from '../../dal/audit.ts';
import type { RequestContext } from '../../http/request-context.ts';

/** Listed by the provider's identity (issuer + subject, provider-side email and name), never by the local email. */
export type LinkedIdentity = { id: string; issuer: string; subject: string; email: string | null; name: string | null; createdAt: Date };

export async function listLinkedIdentities(db: Db, userId: string): Promise<LinkedIdentity[]> {
  return db.externalIdentity.findMany({
    where: { userId },
    select: { id: true, issuer: true, subject: true, email: true, name: true, createdAt: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

export type UnlinkResult = 'unlinked' | 'not-found' | 'last-sign-in-method';

/** A stored password hash someone could sign in with (an Argon2 PHC string, ADR 004). */
const isUsablePasswordHash = (hash: string) => hash.startsWith('$argon2');

export async function unlinkSsoIdentity(
  db: Db,
  input: { userId: string; identityId: string; context: RequestContext },
): Promise<UnlinkResult> {
  const { userId, identityId, context } = input;
  const identity = await db.externalIdentity.findFirst({ where: { id: identityId, userId }, select: { id: true, issuer: true } });
  if (!identity) return 'not-found';

  // Never leave an account nobody can sign in to: without a usable password this
  // must not be the last identity. (Every account has a password today — SSO
  // creates none — but that is a fact about today, not a rule this can rely on.)
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!isUsablePasswordHash(user.passwordHash)) {
    const others = await db.externalIdentity.count({ where: { userId, id: { not: identity.id } } });
    if (others === 0) return 'last-sign-in-method';
  }

  const { count } = await db.externalIdentity.deleteMany({ where: { id: identity.id, userId } });
  if (count === 0) return 'not-found'; // unlinked meanwhile, e.g. from another tab
  await recordAuditEvent(db, { type: 'sso.unlinked', userId, ...context, detail: { issuer: identity.issuer } });
  return 'unlinked';
}
