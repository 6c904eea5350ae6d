import type { Metadata } from 'next';
import Link from 'next/link';
import { requireStrongestFreshAuth } from '@/lib/dal/session';
import { EmailChangeForm } from './email-change-form';

export const metadata: Metadata = { title: 'Change sign-in address' };

// The sign-in address is how the account is recovered: changing it needs a
// fresh step-up with the strongest factor the user has (ADR 046).
export default async function ChangeEmailPage() {
  const { user } = await requireStrongestFreshAuth('/security/email');
  return (
    <section className="card" aria-labelledby="email-heading">
      <h1 id="email-heading">Change sign-in address</h1>
      <p>
        You sign in with <strong>{user.email}</strong>. We will email a confirmation link to the new address; nothing changes until it is
        opened. Then every session of your account is signed out, and a notice goes to your current address.
      </p>
      <EmailChangeForm />
      <p className="hint">
        <Link href="/security">Back to security</Link>
      </p>
    </section>
  );
}
