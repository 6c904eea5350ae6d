import type { Metadata } from 'next';
import Link from 'next/link';
import { requireStrongestFreshAuth } from '@/lib/dal/session';
import { DeleteAccountForm } from './delete-account-form';

export const metadata: Metadata = { title: 'Delete account' };

// Deleting the account cannot be undone: a fresh step-up with the strongest
// factor the user has, and the address typed as confirmation (ADR 046).
export default async function DeleteAccountPage() {
  const { user } = await requireStrongestFreshAuth('/security/delete');
  return (
    <section className="card" aria-labelledby="delete-heading">
      <h1 id="delete-heading">Delete account</h1>
      <p>
        Deleting your account signs it out on every device at once and removes your profile, your sign-in factors and your data. It cannot
        be undone. Your security log is kept, under an anonymous account number, and a last mail goes to <strong>{user.email}</strong>.
      </p>
      <DeleteAccountForm email={user.email} />
      <p className="hint">
        <Link href="/security">Back to security</Link>
      </p>
    </section>
  );
}
