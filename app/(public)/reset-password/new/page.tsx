import type { Metadata } from 'next';
import Link from 'next/link';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password';
import { inspectResetLink, readResetCookie, RESET_LINK_INVALID, RESET_NEEDS_PASSKEY } from '@/lib/auth/password-reset';
import { ResetPasswordForm } from './reset-password-form';
import { AuthCard, LinkRefused } from '@/app/ui/auth-card';

// No token in this page's URL; and no `no-referrer` here: it would send `Origin: null` with the form post (next.config.mjs).
export const metadata: Metadata = { title: 'Choose a new password' };

// The form behind a reset link; the token arrives in a cookie set by /reset-password (ADR 040).
export default async function ResetPasswordPage() {
  const link = await inspectResetLink(await readResetCookie());
  return (
    <AuthCard id="reset-heading" title="Choose a new password">
      {link.status === 'valid' ? (
        <>
          <p>Choosing a new password signs you out everywhere.</p>
          <ResetPasswordForm needsCode={link.needsCode} minLength={PASSWORD_MIN_LENGTH} />
        </>
      ) : (
        <LinkRefused message={link.status === 'invalid' ? RESET_LINK_INVALID : RESET_NEEDS_PASSKEY}>
          <Link href="/forgot-password">Ask for a new link</Link> · <Link href="/login">Sign in</Link>
        </LinkRefused>
      )}
    </AuthCard>
  );
}
