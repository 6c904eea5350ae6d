import type { Metadata } from 'next';
import Link from 'next/link';
import { ForgotPasswordForm } from './forgot-password-form';
import { APP_NAME } from '@/lib/config/app-name';

export const metadata: Metadata = { title: 'Forgot password' };

export default function ForgotPasswordPage() {
  return (
    <main className="auth-page">
      <section className="auth-card" aria-labelledby="forgot-heading">
        <p className="brand">{APP_NAME}</p>
        <h1 id="forgot-heading">Forgot your password?</h1>
        <p>Enter the email address of your account. We will email you a link to choose a new password.</p>
        <ForgotPasswordForm />
        <p className="hint">
          <Link href="/login">Back to sign in</Link>
        </p>
      </section>
    </main>
  );
}
