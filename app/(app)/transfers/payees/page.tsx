import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/dal/session';
import { fetchPayees } from '@/lib/dal/payees';
import { formatDate, formatIban } from '@/app/ui/format';
import { removePayeeAction } from './actions';
import styles from './payees.module.css';

export const metadata: Metadata = { title: 'Payees' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PayeesPage({ searchParams }: Props) {
  const { user } = await requireUser();
  const query = await searchParams;
  const payees = await fetchPayees(user.id);
  const added = typeof query.added === 'string' ? payees.find((payee) => payee.id === query.added) : undefined;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Payees</h1>
          <p className="subtitle">People and companies you send money to.</p>
        </div>
        <Link href="/transfers/payees/new" className="button button-primary">
          Add a payee
        </Link>
      </div>
      <section className="card" aria-labelledby="payees-heading">
        <h2 id="payees-heading" className="visually-hidden">
          Saved payees
        </h2>
        {added ? (
          <p className="alert alert-info" role="status" data-spaced="bottom">
            {added.name} was added. You can send money to them now; the change is in your security log.
          </p>
        ) : null}
        {query.removed === '1' ? (
          <p className="alert alert-info" role="status" data-spaced="bottom">
            The payee was removed.
          </p>
        ) : null}
        {payees.length === 0 ? (
          <p className="muted">No saved payees yet.</p>
        ) : (
          <ul className="tx-list">
            {payees.map((payee) => (
              <li key={payee.id} className="tx-item">
                <span className="tx-title">{payee.name}</span>
                <form action={removePayeeAction} className={styles.remove}>
                  <input type="hidden" name="payeeId" value={payee.id} />
                  <button type="submit" className="button button-secondary" aria-label={`Remove ${payee.name}`}>
                    Remove
                  </button>
                </form>
                <span className="tx-sub">
                  <span className="mono">{formatIban(payee.iban)}</span> · added {formatDate(payee.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p className="hint" data-spaced="top">
          <Link href="/transfers/new">New transfer</Link>
        </p>
      </section>
    </>
  );
}
