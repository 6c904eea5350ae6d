import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/dal/session';
import { readArmedSsoLink, SSO_LINK_BUTTON } from '@/lib/auth/sso';
import { SsoIdentityDetails } from '@/app/ui/sso-identity-details';
import { declineSsoIdentity, linkSsoIdentity } from './actions';
import { APP_NAME } from '@/lib/config/app-name';

export const metadata: Metadata = { title: 'Link a sign-in identity' };

// Where a password sign-in lands when this browser started an SSO round whose
// verified email matched the account. Signing in linked nothing; this page names
// the identity and links it only on the button. docs/decisions/032-sso-links-and-anonymous-writes.md
export default async function SsoLinkPage() {
  const current = await requireUser();
  const identity = await readArmedSsoLink(current.user.id, current.session.id);
  if (!identity) {
    return (
      <div className="card">
        <h1>No identity to link</h1>
        <p>Nothing is waiting to be linked in this browser, or it expired. Nothing was linked.</p>
        <Link href="/security" className="button">
          Security centre
        </Link>
      </div>
    );
  }
  return (
    <div className="card" data-testid="sso-link-confirmation">
      <h1>Link this identity to your account?</h1>
      <p>
        Someone in this browser signed in at the identity provider below with an identity whose email matches your account. Once
        linked, <strong>whoever controls that identity can sign in to your {APP_NAME} account</strong>. Link it only if it is yours.
      </p>
      <SsoIdentityDetails identity={identity} />
      <div style={{ display: 'flex', gap: '0.75rem', flexWrap: 'wrap', marginTop: '1rem' }}>
        <form action={linkSsoIdentity}>
          <button type="submit" className="button button-primary">
            {SSO_LINK_BUTTON}
          </button>
        </form>
        <form action={declineSsoIdentity}>
          <button type="submit" className="button">
            {"Don't link"}
          </button>
        </form>
      </div>
    </div>
  );
}
