// Which Strongroom user an SSO identity signs in as. The link itself is made by
// lib/dal/sso-links.ts (createSsoLink) once its owner has consented. Tested
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
import type { RequestContext } from '../../http/request-context.ts';
import { recordSecurityEvent } from '../../dal/security-events.ts';
import { fetchSsoLink, hasOtherSubjectAtIssuer, updateSsoLinkEmail } from '../../dal/sso-links.ts';
import { fetchUserByEmail } from '../../dal/users.ts';
import type { SsoIdentity } from './identity.ts';

export type SsoUser = { id: string; totpEnabled: boolean };

export type SsoLinkRefusal = 'unverified' | 'no-account' | 'conflict';

export type SsoResolution =
  | { status: 'linked'; user: SsoUser }
  /** The verified email matches `userId`, who must sign in with their own credentials to link it. */
  | { status: 'consent-required'; userId: string; email: string }
  | { status: 'refused'; reason: SsoLinkRefusal };

const toSsoUser = (user: { id: string; totpEnabledAt: Date | null }): SsoUser => ({
  id: user.id,
  totpEnabled: user.totpEnabledAt !== null,
});

export async function resolveSsoIdentity(identity: SsoIdentity, context: RequestContext): Promise<SsoResolution> {
  const refuse = async (reason: SsoLinkRefusal, userId: string | null = null): Promise<SsoResolution> => {
    // The user id is recorded when an attempt concerned a real account (an unverified
    // address or a second identity claiming it), so it shows in that user's security log.
    await recordSecurityEvent({
      type: 'login.failure',
      userId,
      ...context,
      detail: { method: 'sso', reason, issuer: identity.issuer },
    });
    return { status: 'refused', reason };
  };

  const existing = await fetchSsoLink(identity);
  if (existing) {
    if (identity.email && identity.emailVerified && existing.email !== identity.email) {
      await updateSsoLinkEmail(existing.id, identity.email);
    }
    return { status: 'linked', user: toSsoUser(existing.user) };
  }

  if (!identity.email) return refuse('no-account');
  const user = await fetchUserByEmail(identity.email);
  if (!identity.emailVerified) return refuse('unverified', user?.id ?? null);
  if (!user) return refuse('no-account');
  if (await hasOtherSubjectAtIssuer(user.id, identity)) return refuse('conflict', user.id);
  return { status: 'consent-required', userId: user.id, email: identity.email };
}
