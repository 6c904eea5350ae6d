import { ssoProviderName, ssoSettings } from '@/lib/auth/sso';
import { fetchLinkedIdentities } from '@/lib/dal/sso-links';
import { SsoIdentityDetails } from '@/app/ui/sso-identity-details';
import { formatDate } from '@/app/ui/format';
import { KeyIcon } from '@/app/ui/icons';
import { SettingsCard, type Notices } from './settings-card';
import { unlinkIdentity } from './linked-identities-actions';

// "Single sign-on": the identities linked to this account, each named by the
// provider's identity (provider, subject, its name and email there — never our
// own email), with Unlink (step-up, audited). Shown when SSO is configured or
// something is still linked. docs/decisions/020-sso-link-consent.md, 032.
const notices: Notices = {
  'sso-linked': { text: 'The single sign-on identity was linked. It can now sign you in to this account.', tone: 'success' },
  'sso-link-expired': { text: 'Nothing was linked: the identity waiting in this browser expired or was already handled. Start again from the sign-in page.', tone: 'info' },
  'sso-conflict': { text: 'Nothing was linked: your account is already linked to a different identity at that provider.', tone: 'error' },
  'sso-unlinked': { text: 'The single sign-on identity was unlinked. It can no longer be used to sign in to this account.', tone: 'success' },
  'sso-not-found': { text: 'That linked identity was not found. It may already have been unlinked.', tone: 'info' },
  'sso-last-sign-in-method': { text: 'This identity is the only way left to sign in to your account, so it cannot be unlinked.', tone: 'error' },
};

export async function LinkedIdentities({ userId, notice }: { userId: string; notice?: string | string[] }) {
  const identities = await fetchLinkedIdentities(userId);
  if (!ssoSettings && identities.length === 0) return null;
  return (
    <SettingsCard id="sso" title="Single sign-on" intro="Identities that can sign you in. A new one is linked only when you press Link this identity after signing in with your password." notices={notices} notice={notice}>
      {identities.length === 0 ? (
        <p className="muted">No linked identities.</p>
      ) : (
        <ul className="session-list">
          {identities.map((identity) => {
            const titleId = `identity-${identity.id}`;
            return (
              <li key={identity.id} className="session-row" data-testid="linked-identity">
                <span className="session-icon">
                  <KeyIcon />
                </span>
                <div>
                  <div className="session-title" id={titleId}>
                    {ssoProviderName(identity.issuer)}: {identity.name ?? identity.email ?? identity.subject}
                  </div>
                  <SsoIdentityDetails identity={identity} />
                  <div className="session-meta">Linked {formatDate(identity.createdAt)}</div>
                </div>
                <form action={unlinkIdentity}>
                  <input type="hidden" name="identityId" value={identity.id} />
                  <button type="submit" className="button button-danger button-small" aria-describedby={titleId}>
                    Unlink
                  </button>
                </form>
              </li>
            );
          })}
        </ul>
      )}
    </SettingsCard>
  );
}
