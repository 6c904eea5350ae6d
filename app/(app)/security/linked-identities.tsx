import { db } from '@/lib/db';
import { listLinkedIdentities, ssoSettings } from '@/lib/auth/sso';
import { formatDate } from '@/app/ui/format';
import { KeyIcon } from '@/app/ui/icons';
import { SettingsCard, type Notices } from './settings-card';
import { unlinkIdentity } from './linked-identities-actions';

// "Single sign-on": the identities linked to this account, each with Unlink
// (step-up, audited). Shown when SSO is configured or something is still linked.
// docs/decisions/020-sso-link-consent.md
const notices: Notices = {
  'sso-unlinked': { text: 'The single sign-on identity was unlinked. It can no longer be used to sign in to this account.', tone: 'success' },
  'sso-not-found': { text: 'That linked identity was not found. It may already have been unlinked.', tone: 'info' },
  'sso-last-sign-in-method': { text: 'This identity is the only way left to sign in to your account, so it cannot be unlinked.', tone: 'error' },
};

function providerName(issuer: string): string {
  if (ssoSettings && issuer === ssoSettings.issuer) return ssoSettings.displayName;
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
}

export async function LinkedIdentities({ userId, notice }: { userId: string; notice?: string | string[] }) {
  const identities = await listLinkedIdentities(db, userId);
  if (!ssoSettings && identities.length === 0) return null;
  return (
    <SettingsCard id="sso" title="Single sign-on" intro="Identities that can sign you in. A new one is linked only after you sign in with your password." notices={notices} notice={notice}>
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
                    {providerName(identity.issuer)}
                  </div>
                  <div className="session-meta">{identity.email ?? 'No email address'}</div>
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
