import { ssoProviderName } from '@/lib/auth/sso';

// An external identity named the way its provider knows it — provider, the
// provider-side name and email, and the subject (the provider's id for the
// account) — so an owner can tell their own identity from someone else's that
// merely carries their address. docs/decisions/032-sso-links-and-anonymous-writes.md
export type SsoIdentityFacts = { issuer: string; subject: string; email: string | null; name: string | null };

export function SsoIdentityDetails({ identity }: { identity: SsoIdentityFacts }) {
  return (
    <dl className="sso-identity" data-testid="sso-identity">
      <dt>Provider</dt>
      <dd>
        {ssoProviderName(identity.issuer)} <span className="muted">({identity.issuer})</span>
      </dd>
      <dt>Name at the provider</dt>
      <dd>{identity.name ?? 'Not given'}</dd>
      <dt>Email at the provider</dt>
      <dd>{identity.email ?? 'Not given'}</dd>
      <dt>Account ID at the provider</dt>
      <dd>
        <code>{identity.subject}</code>
      </dd>
    </dl>
  );
}
