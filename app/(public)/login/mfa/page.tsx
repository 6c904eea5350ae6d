import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentPendingLogin } from '@/lib/auth/sign-in';
import { MfaForm } from './mfa-form';
import { PasskeySecondFactor } from './passkey-second-factor';
import { APP_NAME } from '@/lib/config/app-name';
import { AuthCard } from '@/app/ui/auth-card';

export const metadata: Metadata = { title: 'Verify it’s you' };

// Reached only with a pending-login cookie from the password (or SSO) step;
// there is no session yet.
export default async function MfaStepPage() {
  const pending = await currentPendingLogin();
  if (!pending) redirect('/login?reason=mfa-expired');
  return (
    <AuthCard id="mfa-heading" title="Two-step verification">
      {/* A passkey first (phishing-resistant), then the code (ADR 022). */}
      {pending.passkeys > 0 ? (
        <>
          <p id="passkey-help">Confirm it’s you with your passkey.</p>
          <PasskeySecondFactor primary />
        </>
      ) : null}
      {pending.totpEnabled ? (
        <>
          <p id="mfa-help">{pending.passkeys > 0 ? 'Or open' : 'Open'} your authenticator app and enter the 6-digit code for {APP_NAME}.</p>
          <MfaForm />
          <p className="hint">
            Lost your phone? Enter one of your recovery codes instead. Each works once. <Link href="/login">Start over</Link>
          </p>
        </>
      ) : (
        <p className="hint">
          <Link href="/login">Start over</Link>
        </p>
      )}
    </AuthCard>
  );
}
