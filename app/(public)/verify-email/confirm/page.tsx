import type { Metadata } from 'next';
import Link from 'next/link';
import { readLinkCookie } from '@/lib/auth/email-token';
import { inspectVerificationLink, VERIFY_COOKIE, VERIFY_LINK_INVALID, VERIFY_OTHER_ACCOUNT } from '@/lib/auth/sign-up';
import { getCurrentSession } from '@/lib/dal/session';
import { VerifyEmailForm } from './verify-email-form';
import { AuthCard, LinkRefused } from '@/app/ui/auth-card';

export const metadata: Metadata = { title: 'Verify your email' };

const SIGN_IN_TO_VERIFY = '/login?next=%2Fverify-email%2Fconfirm';

// Behind a verification link; the token arrives in a cookie set by /verify-email (ADR 045).
// The button, pressed in the account's own session, verifies: neither a scanner opening
// every link in a mail nor a mailbox owner who never signed up verifies anything.
export default async function VerifyEmailPage() {
  const current = await getCurrentSession();
  const state = await inspectVerificationLink(await readLinkCookie(VERIFY_COOKIE), current.status === 'authenticated' ? current.user.id : undefined);
  return (
    <AuthCard id="verify-heading" title="Verify your email">
      {state === 'valid' ? <VerifyEmailForm /> : null}
      {state === 'sign-in' ? (
        <>
          <p>To verify your email address, sign in to the account you created with it.</p>
          <p>
            <Link className="button button-primary" href={SIGN_IN_TO_VERIFY}>
              Sign in to verify
            </Link>
          </p>
        </>
      ) : null}
      {state === 'invalid' || state === 'other-account' ? (
        <LinkRefused message={state === 'invalid' ? VERIFY_LINK_INVALID : VERIFY_OTHER_ACCOUNT} />
      ) : null}
    </AuthCard>
  );
}
