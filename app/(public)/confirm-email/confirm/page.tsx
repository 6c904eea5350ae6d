import type { Metadata } from 'next';
import Link from 'next/link';
import { readLinkCookie } from '@/lib/auth/email-token';
import { APP_NAME } from '@/lib/config/app-name';
import { CHANGE_LINK_INVALID, EMAIL_CHANGE_COOKIE, inspectEmailChangeLink } from '@/lib/auth/email-change';
import { ConfirmEmailForm } from './confirm-email-form';

export const metadata: Metadata = { title: 'Confirm your new sign-in address' };

// Behind a confirmation link; the token arrives in a cookie set by /confirm-email (ADR 046).
export default async function ConfirmEmailPage() {
  const link = await inspectEmailChangeLink(await readLinkCookie(EMAIL_CHANGE_COOKIE));
  return (
    <main className="auth-page">
      <section className="auth-card" aria-labelledby="confirm-email-heading">
        <p className="brand">{APP_NAME}</p>
        <h1 id="confirm-email-heading">Confirm your new sign-in address</h1>
        {link.status === 'valid' ? (
          <>
            <p>
              From now on, the account signs in with <strong>{link.newEmail}</strong>. Confirming signs it out everywhere.
            </p>
            <ConfirmEmailForm />
          </>
        ) : (
          <>
            <p className="alert alert-error" role="alert">
              {CHANGE_LINK_INVALID}
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
