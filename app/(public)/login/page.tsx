import type { Metadata } from 'next';
import Link from 'next/link';
import { env } from '@/lib/env';
import { SIGN_IN_BLOCKED } from '@/lib/auth/sign-in';
import { demoLoginHint } from '@/lib/dal/demo-users';
import { signUpIsOpen } from '@/lib/auth/sign-up';
import { safeNextPath } from '@/lib/http/safe-redirect';
import { LoginForm } from './login-form';
import { PasskeySignIn } from './passkey-sign-in';
import { SsoButton } from './sso-button';
import { SsoLinkNotice } from './sso-link-notice';
import { AuthCard } from '@/app/ui/auth-card';

export const metadata: Metadata = { title: 'Sign in' };

// Why the user is here, in plain words (the `reason` query parameter).
const reasonMessages: Record<string, string> = {
  idle: 'You were signed out because you were inactive for a while. Please sign in again.',
  expired: 'Your session reached its maximum length. Please sign in again.',
  revoked: 'Your session has ended — it was signed out elsewhere or is no longer valid. Please sign in again.',
  'signed-out': 'You have signed out. See you soon.',
  'mfa-expired': 'Your sign-in took too long or was already completed. Please sign in again.',
  'password-reset': 'Your password has been reset and every session of your account signed out. Sign in with your new password.',
  'email-changed': 'Your sign-in address was changed and every session of your account signed out. Sign in with your new address.',
  'account-deleted': 'Your account was deleted and every session of it signed out. A last mail went to its address.',
  'invitation-accepted': 'Your account is ready. Sign in with your email and the password you chose.',
};

// Errors a redirect can carry (fixed texts only: nothing from the URL is echoed).
const errorMessages: Record<string, string> = {
  blocked: SIGN_IN_BLOCKED,
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const reason = typeof params.reason === 'string' ? reasonMessages[params.reason] : undefined;
  const error = typeof params.error === 'string' ? errorMessages[params.error] : undefined;
  const next = typeof params.next === 'string' ? safeNextPath(params.next, '') : '';
  const demoHint = await demoLoginHint(); // only where the demo users exist, never in production
  return (
    <AuthCard id="login-heading" title="Sign in">
      {reason && !error ? (
        <p className="alert alert-info" role="status">
          {reason}
        </p>
      ) : null}
      <SsoLinkNotice />
      <LoginForm next={next || undefined} initialError={error} />
      <p className="hint">
        <Link href="/forgot-password">Forgot password?</Link>
        {signUpIsOpen(env.SIGN_UP) ? (
          <>
            {' · '}
            <Link href="/sign-up">Create an account</Link>
          </>
        ) : null}
      </p>
      <PasskeySignIn next={next || undefined} />
      <SsoButton next={next || undefined} outcome={params.sso} />
      {demoHint ? <p className="hint">{demoHint}</p> : null}
    </AuthCard>
  );
}
