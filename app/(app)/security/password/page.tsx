import type { Metadata } from 'next';
import Link from 'next/link';
import { requireFreshAuth } from '@/lib/dal/session';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password';
import { PasswordForm } from './password-form';
import styles from './password.module.css';

export const metadata: Metadata = { title: 'Change password' };

export default async function ChangePasswordPage() {
  const { user } = await requireFreshAuth('/security/password');
  return (
    <section className={`card ${styles.panel}`} aria-labelledby="password-heading">
      <h1 id="password-heading">Change password</h1>
      <p>
        Use at least {PASSWORD_MIN_LENGTH} characters — a few unrelated words make a strong, memorable password. Changing it signs
        you out on every other device.
      </p>
      <PasswordForm email={user.email} minLength={PASSWORD_MIN_LENGTH} />
      <p className="hint">
        <Link href="/security">Back to security</Link>
      </p>
    </section>
  );
}
