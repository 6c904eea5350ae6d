import type { Metadata } from 'next';
import Link from 'next/link';
import { env } from '@/lib/env';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password';
import { SIGN_UP_CLOSED, signUpIsOpen } from '@/lib/auth/sign-up';
import { SignUpForm } from './sign-up-form';
import { AuthCard } from '@/app/ui/auth-card';

export const metadata: Metadata = { title: 'Create an account' };

// Sign-up (SIGN_UP=open; ADR 045). The answer never says whether the email already has an account.
export default function SignUpPage() {
  const open = signUpIsOpen(env.SIGN_UP);
  return (
    <AuthCard id="sign-up-heading" title="Create an account">
      {open ? (
        <>
          {/* demo-bank:begin */}
          <p>We will email you a link to verify your address. Until you do, your account cannot move money.</p>
          {/* demo-bank:instead <p>We will email you a link to verify your address.</p> */}
          {/* demo-bank:end */}
          <SignUpForm minLength={PASSWORD_MIN_LENGTH} />
        </>
      ) : (
        <p className="alert alert-info" role="status">
          {SIGN_UP_CLOSED}
        </p>
      )}
      <p className="hint">
        Already have an account? <Link href="/login">Sign in</Link>
      </p>
    </AuthCard>
  );
}
