import type { Metadata } from 'next';
import { readLinkCookie } from '@/lib/auth/email-token';
import { CHANGE_LINK_INVALID, EMAIL_CHANGE_COOKIE, inspectEmailChangeLink } from '@/lib/auth/email-change';
import { ConfirmEmailForm } from './confirm-email-form';
import { AuthCard, LinkRefused } from '@/app/ui/auth-card';

export const metadata: Metadata = { title: 'Confirm your new sign-in address' };

// Behind a confirmation link; the token arrives in a cookie set by /confirm-email (ADR 046).
export default async function ConfirmEmailPage() {
  const link = await inspectEmailChangeLink(await readLinkCookie(EMAIL_CHANGE_COOKIE));
  return (
    <AuthCard id="confirm-email-heading" title="Confirm your new sign-in address">
      {link.status === 'valid' ? (
        <>
          <p>
            From now on, the account signs in with <strong>{link.newEmail}</strong>. Confirming signs it out everywhere.
          </p>
          <ConfirmEmailForm />
        </>
      ) : (
        <LinkRefused message={CHANGE_LINK_INVALID} />
      )}
    </AuthCard>
  );
}
