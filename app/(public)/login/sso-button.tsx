import { isSsoRefusalReason, ssoRefusalMessages, SSO_START_PATH, ssoSettings } from '@/lib/auth/sso';
import { safeNextPath } from '@/lib/http/safe-redirect';

// "Continue with SSO" — rendered only when an OpenID Connect provider is
// configured (AUTH_OIDC_*). A plain link, not a form or next/link: a GET
// navigation to /login/sso starts the flow (no CSP form-action for the
// provider needed, and nothing prefetches it). It also shows why the last SSO
// attempt did not sign anyone in (`/login?sso=<reason>`, fixed texts only).
// globals.css has no secondary button; an outlined one in the brand colour.
const linkStyle = {
  display: 'block',
  textAlign: 'center',
  textDecoration: 'none',
  color: 'var(--brand)',
  borderColor: 'currentColor',
  background: 'transparent',
} as const;

export function SsoButton({ next, outcome }: { next?: string; outcome?: string | string[] }) {
  if (!ssoSettings) return null;
  const target = next ? safeNextPath(next, '') : '';
  const href = target ? `${SSO_START_PATH}?${new URLSearchParams({ next: target })}` : SSO_START_PATH;
  const refusal = isSsoRefusalReason(outcome) ? ssoRefusalMessages[outcome] : undefined;
  return (
    <div className="form">
      {refusal ? (
        <p className="alert alert-error" role="alert">
          {refusal}
        </p>
      ) : null}
      <p className="hint" aria-hidden="true" style={{ margin: 0, textAlign: 'center' }}>
        or
      </p>
      <a className="button" href={href} rel="nofollow" style={linkStyle}>
        Continue with {ssoSettings.displayName}
      </a>
    </div>
  );
}
