// Which Strongroom user an SSO identity signs in as, and making a link once its
// owner has consented. Framework-free (takes the database), so it is tested
// against a real database.
//
// Rules (docs/decisions/012-sso-with-next-auth.md, amended by 020-sso-link-consent.md):
//  1. An identity already linked (same issuer + subject) signs in as its user.
//     The subject is the provider's stable key; the email may since have changed.
//  2. A new identity whose *verified* email matches a user is NOT linked here:
//     the result is `consent-required`, and the link is made by createSsoLink only
//     after that user has completed a full sign-in with their password (and code)
//     and then pressed "Link this identity" on a page naming it (ADR 032).
//     Controlling an identity-provider account proves nothing about who owns the
//     Strongroom account; only the account's own credentials do.
//     An unverified email is refused outright.
//  3. A user already linked to a *different* subject at the same issuer is not
//     offered a second link by email: providers recycle addresses (`conflict`).
//  4. No match: refused. SSO never creates accounts.
// Every link is audited (`sso.linked`), every refusal too (`login.failure`).
import type { Db } from '../../db/client.ts';
import { recordAuditEvent } from '../../dal/audit.ts';
import type { RequestContext } from '../../http/request-context.ts';
import type { SsoIdentity } from './identity.ts';

export type SsoUser = { id: string; totpEnabled: boolean };

export type SsoLinkRefusal = 'unverified' | 'no-account' | 'conflict';

export type SsoResolution =
  | { status: 'linked'; user: SsoUser }
  /** The verified email matches `userId`, who must sign in with their own credentials to link it. */
  | { status: 'consent-required'; userId: string; email: string }
  | { status: 'refused'; reason: SsoLinkRefusal };

const userSelect = { id: true, totpEnabledAt: true } as const;
const toSsoUser = (user: { id: string; totpEnabledAt: Date | null }): SsoUser => ({
  id: user.id,
  totpEnabled: user.totpEnabledAt !== null,
});

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

async function hasOtherSubjectAtIssuer(db: Db, userId: string, identity: Pick<SsoIdentity, 'issuer' | 'subject'>): Promise<boolean> {
  const other = await db.externalIdentity.findFirst({
    where: { userId, issuer: identity.issuer, subject: { not: identity.subject } },
    select: { id: true },
  });
  return other !== null;
}

export async function resolveSsoIdentity(db: Db, identity: SsoIdentity, context: RequestContext): Promise<SsoResolution> {
  const refuse = async (reason: SsoLinkRefusal, userId: string | null = null): Promise<SsoResolution> => {
    // The user id is recorded when an attempt concerned a real account (an unverified
    // address or a second identity claiming it), so it shows in that user's security log.
    await recordAuditEvent(db, {
      type: 'login.failure',
      userId,
      ...context,
      detail: { method: 'sso', reason, issuer: identity.issuer },
    });
    return { status: 'refused', reason };
  };

  const existing = await db.externalIdentity.findUnique({
    where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
    select: { id: true, email: true, user: { select: userSelect } },
  });
  if (existing) {
    if (identity.email && identity.emailVerified && existing.email !== identity.email) {
      await db.externalIdentity.update({ where: { id: existing.id }, data: { email: identity.email } });
    }
    return { status: 'linked', user: toSsoUser(existing.user) };
  }

  if (!identity.email) return refuse('no-account');
  const user = await db.user.findUnique({ where: { email: identity.email }, select: userSelect });
  if (!identity.emailVerified) return refuse('unverified', user?.id ?? null);
  if (!user) return refuse('no-account');
  if (await hasOtherSubjectAtIssuer(db, user.id, identity)) return refuse('conflict', user.id);
  return { status: 'consent-required', userId: user.id, email: identity.email };
}

export type SsoLinkCreation = { ok: true; link: 'created' | 'existing' } | { ok: false; reason: 'conflict' };

/**
 * Links `identity` to `userId` — to be called only once that user has proved
 * themselves with their own credentials and pressed the button that names the
 * identity (lib/auth/sso/pending-link/pending-link-store.ts). The
 * rules are checked again: things may have changed while the user signed in.
 */
export async function createSsoLink(
  db: Db,
  userId: string,
  identity: Pick<SsoIdentity, 'issuer' | 'subject' | 'email' | 'name'>,
  context: RequestContext,
): Promise<SsoLinkCreation> {
  const refuse = async (): Promise<SsoLinkCreation> => {
    await recordAuditEvent(db, { type: 'login.failure', userId, ...context, detail: { method: 'sso', reason: 'conflict', issuer: identity.issuer } });
    return { ok: false, reason: 'conflict' };
  };
  const key = { issuer_subject: { issuer: identity.issuer, subject: identity.subject } };
  if (await hasOtherSubjectAtIssuer(db, userId, identity)) return refuse();
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
