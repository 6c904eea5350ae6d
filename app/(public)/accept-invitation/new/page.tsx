import type { Metadata } from 'next';
import Link from 'next/link';
import { readLinkCookie } from '@/lib/auth/email-token';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password';
import { inspectInvitation, INVITATION_COOKIE, INVITATION_LINK_INVALID } from '@/lib/auth/sign-up';
import { AcceptInvitationForm } from './accept-invitation-form';
import { APP_NAME } from '@/lib/config/app-name';

export const metadata: Metadata = { title: 'Accept your invitation' };

// Behind an invitation link; the token arrives in a cookie set by /accept-invitation (ADR 045).
export default async function AcceptInvitationPage() {
  const invitation = await inspectInvitation(await readLinkCookie(INVITATION_COOKIE));
  return (
    <main className="auth-page">
      <section className="auth-card" aria-labelledby="accept-heading">
        <p className="brand">{APP_NAME}</p>
        <h1 id="accept-heading">Accept your invitation</h1>
        {invitation.status === 'valid' ? (
          <>
            <p>
              Choose your name and a password for <strong>{invitation.email}</strong>.
            </p>
            <AcceptInvitationForm minLength={PASSWORD_MIN_LENGTH} />
          </>
        ) : (
          <>
            <p className="alert alert-error" role="alert">
              {INVITATION_LINK_INVALID}
            </p>
            <p>
              <Link href="/login">Sign in</Link>
            </p>
          </>
        )}
      </section>
    </main>
  );
}
