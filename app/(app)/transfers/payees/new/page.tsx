import type { Metadata } from 'next';
import Link from 'next/link';
import { requireFreshAuth } from '@/lib/dal/session';
import { PayeeForm } from './payee-form';

export const metadata: Metadata = { title: 'Add a payee' };

// A new payee is a new place money can go: only after a recent authentication
// (PSD2 RTS Art. 13), and it shows up in the security log.
export default async function AddPayeePage() {
  await requireFreshAuth('/transfers/payees/new');
  return (
    <section className="card" aria-labelledby="add-payee-heading">
      <h1 id="add-payee-heading">Add a payee</h1>
      <p className="muted" data-spaced="bottom">
        Someone you send money to. Adding a payee is recorded in your security log.
      </p>
      <PayeeForm />
      <p className="hint" data-spaced="top">
        <Link href="/transfers/payees">Back to payees</Link>
      </p>
    </section>
  );
}
