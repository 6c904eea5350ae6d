import { ssoLinkMessage, ssoSettings, readPendingSsoLink } from '@/lib/auth/sso';
import { SsoIdentityDetails } from '@/app/ui/sso-identity-details';
import { cancelSsoLink } from './sso-link-actions';

// Shown while this browser holds a pending SSO link: names the foreign identity
// (provider, its name and email there, subject). Signing in below does not link
// it — the owner confirms on the next page. docs/decisions/032-sso-links-and-anonymous-writes.md
export async function SsoLinkNotice() {
  if (!ssoSettings) return null;
  const pending = await readPendingSsoLink();
  if (!pending) return null;
  return (
    <div className="alert alert-info" role="status" data-testid="sso-link-notice">
      <p style={{ margin: 0 }}>{ssoLinkMessage(ssoSettings.displayName)}</p>
      <SsoIdentityDetails identity={pending} />
      <form action={cancelSsoLink}>
        <button type="submit" className="button button-small" style={{ marginTop: '0.5rem' }}>
          Cancel linking
        </button>
      </form>
    </div>
  );
}
