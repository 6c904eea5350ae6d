import { ssoLinkMessage, ssoSettings, readPendingSsoLink } from '@/lib/auth/sso';
import { cancelSsoLink } from './sso-link-actions';

// "Sign in to link": shown while this browser holds a pending SSO link — a new
// identity whose verified email matched an account. Only that account's owner,
// signing in below with their password (and code), makes the link.
// docs/decisions/020-sso-link-consent.md
export async function SsoLinkNotice() {
  if (!ssoSettings) return null;
  const pending = await readPendingSsoLink();
  if (!pending) return null;
  return (
    <div className="alert alert-info" role="status" data-testid="sso-link-notice">
      <p style={{ margin: 0 }}>{ssoLinkMessage(pending.email, ssoSettings.displayName)}</p>
      <form action={cancelSsoLink}>
        <button type="submit" className="button button-small" style={{ marginTop: '0.5rem' }}>
          Cancel linking
        </button>
      </form>
    </div>
  );
}
