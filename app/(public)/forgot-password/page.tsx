import type { Metadata } from 'next';
import Link from 'next/link';
import { ForgotPasswordForm } from './forgot-password-form';
import { AuthCard } from '@/app/ui/auth-card';

export const metadata: Metadata = { title: 'Forgot password' };

export default function ForgotPasswordPage() {
  return (
    <AuthCard id="forgot-heading" title="Forgot your password?">
      <p>Enter the email address of your account. We will email you a link to choose a new password.</p>
      <ForgotPasswordForm />
      <p className="hint">
        <Link href="/login">Back to sign in</Link>
      </p>
    </AuthCard>
  );
}
