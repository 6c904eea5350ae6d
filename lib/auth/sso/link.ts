// Which Strongroom user an SSO identity signs in as. Framework-free (takes the
// database), so it is tested against a real database.
//
// Rules (docs/decisions/012-sso-with-next-auth.md):
//  1. An identity already linked (same issuer + subject) signs in as its user.
//     The subject is the provider's stable key; the email may since have changed.
//  2. Otherwise it is linked to the user whose email equals the identity's email —
//     only when the provider says that email is verified. An unverified email
//     proves nothing: anyone can type alice@example.com into some provider.
//  3. A user already linked to a *different* subject at the same issuer is not
//     re-linked by email: providers recycle addresses, and the new holder of an
//     address is not the person who linked it.
//  4. No match: refused. SSO never creates accounts.
// Every link is audited (`sso.linked`), every refusal too (`login.failure`).
import type { Db } from '../../db/client.ts';
import { recordAuditEvent } from '../../audit.ts';
import type { RequestContext } from '../../session/engine.ts';
import type { SsoIdentity } from './identity.ts';

export type SsoUser = { id: string; totpEnabled: boolean };

export type SsoLinkRefusal = 'unverified' | 'no-account' | 'conflict';

export type SsoLinkResult =
  | { ok: true; user: SsoUser; link: 'existing' | 'created' }
  | { ok: false; reason: SsoLinkRefusal };

const userSelect = { id: true, totpEnabledAt: true } as const;
const toSsoUser = (user: { id: string; totpEnabledAt: Date | null }): SsoUser => ({
  id: user.id,
  totpEnabled: user.totpEnabledAt !== null,
});

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

export async function linkSsoIdentity(db: Db, identity: SsoIdentity, context: RequestContext): Promise<SsoLinkResult> {
  const refuse = async (reason: SsoLinkRefusal, userId: string | null = null): Promise<SsoLinkResult> => {
    // The user id is recorded when an attempt concerned a real account (an unverified
    // address or a second identity claiming it), so it shows in that user's security log.
    await recordAuditEvent(db, {
      type: 'login.failure',
      userId,
      ...context,
      detail: { method: 'sso', reason, issuer: identity.issuer },
    });
    return { ok: false, reason };
  };

  const existing = await db.externalIdentity.findUnique({
    where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
    select: { id: true, email: true, user: { select: userSelect } },
  });
  if (existing) {
    if (identity.email && identity.emailVerified && existing.email !== identity.email) {
      await db.externalIdentity.update({ where: { id: existing.id }, data: { email: identity.email } });
    }
    return { ok: true, user: toSsoUser(existing.user), link: 'existing' };
  }

  if (!identity.email) return refuse('no-account');
  const user = await db.user.findUnique({ where: { email: identity.email }, select: userSelect });
  if (!identity.emailVerified) return refuse('unverified', user?.id ?? null);
  if (!user) return refuse('no-account');

  const otherSubject = await db.externalIdentity.findFirst({
    where: { userId: user.id, issuer: identity.issuer, subject: { not: identity.subject } },
    select: { id: true },
  });
  if (otherSubject) return refuse('conflict', user.id);

  try {
    await db.externalIdentity.create({
      data: { issuer: identity.issuer, subject: identity.subject, userId: user.id, email: identity.email },
    });
  } catch (error) {
    // A parallel callback for the same identity linked it first: use that link.
    if (!isUniqueViolation(error)) throw error;
    const winner = await db.externalIdentity.findUnique({
      where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
      select: { userId: true },
    });
    if (winner?.userId !== user.id) return refuse('conflict', user.id);
    return { ok: true, user: toSsoUser(user), link: 'existing' };
  }
  await recordAuditEvent(db, {
    type: 'sso.linked',
    userId: user.id,
    ...context,
    detail: { issuer: identity.issuer, matchedBy: 'verified-email' },
  });
  return { ok: true, user: toSsoUser(user), link: 'created' };
}
