import type { Metadata } from 'next';
import { readLinkCookie } from '@/lib/auth/email-token';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password';
import { inspectInvitation, INVITATION_COOKIE, INVITATION_LINK_INVALID } from '@/lib/auth/sign-up';
import { AcceptInvitationForm } from './accept-invitation-form';
import { AuthCard, LinkRefused } from '@/app/ui/auth-card';

export const metadata: Metadata = { title: 'Accept your invitation' };

// Behind an invitation link; the token arrives in a cookie set by /accept-invitation (ADR 045).
export default async function AcceptInvitationPage() {
  const invitation = await inspectInvitation(await readLinkCookie(INVITATION_COOKIE));
  return (
    <AuthCard id="accept-heading" title="Accept your invitation">
      {invitation.status === 'valid' ? (
        <>
          <p>
            Choose your name and a password for <strong>{invitation.email}</strong>.
          </p>
          <AcceptInvitationForm minLength={PASSWORD_MIN_LENGTH} />
        </>
      ) : (
        <LinkRefused message={INVITATION_LINK_INVALID} />
      )}
    </AuthCard>
  );
}
