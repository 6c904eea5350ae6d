import 'server-only';
// SSO identities linked to users (ExternalIdentity rows, ADR 012, 020, 032):
// listing and Unlink for the security centre, and the lookups and the guarded
// link write behind an SSO sign-in. Which identity signs in as whom is
// lib/auth/sso/link.ts's; every query here is scoped by the user's id where one
// is known, so someone else's identity id is simply "not found".
import { db } from '../db';
import { recordAuditEvent } from './audit';
import { isUniqueViolation } from '../db/errors';
import type { RequestContext } from '../http/request-context';

type IdentityKey = { issuer: string; subject: string };

/** Listed by the provider's identity (issuer + subject, provider-side email and name), never by the local email. */
export type LinkedIdentity = { id: string; issuer: string; subject: string; email: string | null; name: string | null; createdAt: Date };

export async function fetchLinkedIdentities(userId: string): Promise<LinkedIdentity[]> {
  return db.externalIdentity.findMany({
    where: { userId },
    select: { id: true, issuer: true, subject: true, email: true, name: true, createdAt: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

export type UnlinkResult = 'unlinked' | 'not-found' | 'last-sign-in-method';

/** A stored password hash someone could sign in with (an Argon2 PHC string, ADR 004). */
const isUsablePasswordHash = (hash: string) => hash.startsWith('$argon2');

/** Unlink, audited. Call only after a fresh authentication (step-up): unlinking is a sensitive action. */
export async function unlinkUserIdentity(userId: string, identityId: string, context: RequestContext): Promise<UnlinkResult> {
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

/** The link for an identity (issuer + subject: the provider's stable key), with its user. */
export function fetchSsoLink(identity: IdentityKey) {
  return db.externalIdentity.findUnique({
    where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
    select: { id: true, email: true, user: { select: { id: true, totpEnabledAt: true } } },
  });
}

/** The provider-side email, kept current for the security centre's list. */
export async function updateSsoLinkEmail(linkId: string, email: string): Promise<void> {
  await db.externalIdentity.update({ where: { id: linkId }, data: { email } });
}

/** Whether the user is linked to a different subject at this issuer (a recycled address, ADR 012 rule 3). */
export async function hasOtherSubjectAtIssuer(userId: string, identity: IdentityKey): Promise<boolean> {
  const other = await db.externalIdentity.findFirst({
    where: { userId, issuer: identity.issuer, subject: { not: identity.subject } },
    select: { id: true },
  });
  return other !== null;
}

export type SsoLinkCreation = { ok: true; link: 'created' | 'existing' } | { ok: false; reason: 'conflict' };

/**
 * Links `identity` to `userId` — to be called only once that user has proved
 * themselves with their own credentials and pressed the button that names the
 * identity (lib/auth/sso/pending-link/pending-link-store.ts). The recycled-address
 * rule is checked again (things may have changed while the user signed in); a
 * link made meanwhile by a parallel confirmation is "existing", one to anyone
 * else a conflict. Audited either way.
 */
export async function createSsoLink(
  userId: string,
  identity: IdentityKey & { email: string | null; name: string | null },
  context: RequestContext,
): Promise<SsoLinkCreation> {
  const refuse = async (): Promise<SsoLinkCreation> => {
    await recordAuditEvent(db, { type: 'login.failure', userId, ...context, detail: { method: 'sso', reason: 'conflict', issuer: identity.issuer } });
    return { ok: false, reason: 'conflict' };
  };
  const key = { issuer_subject: { issuer: identity.issuer, subject: identity.subject } };
  if (await hasOtherSubjectAtIssuer(userId, identity)) return refuse();
  try {
    await db.externalIdentity.create({
      data: { issuer: identity.issuer, subject: identity.subject, userId, email: identity.email, name: identity.name },
    });
  } catch (error) {
    // Linked meanwhile (a second tab completing the same link, or someone else).
    if (!isUniqueViolation(error)) throw error;
    const winner = await db.externalIdentity.findUnique({ where: key, select: { userId: true } });
    return winner?.userId === userId ? { ok: true, link: 'existing' } : refuse();
  }
  await recordAuditEvent(db, {
    type: 'sso.linked',
    userId,
    ...context,
    detail: { issuer: identity.issuer, subject: identity.subject, matchedBy: 'verified-email', confirmedBy: 'password', confirmation: 'button' },
  });
  return { ok: true, link: 'created' };
}
