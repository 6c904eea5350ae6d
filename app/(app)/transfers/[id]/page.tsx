import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/dal/session';
import { fetchTransfer } from '@/lib/dal/transfers';
import { formatDateTime, formatIban } from '@/app/ui/format';
import { CheckIcon } from '@/app/ui/icons';
import { Money } from '@/app/ui/money';

export const metadata: Metadata = { title: 'Transfer' };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function TransferPage({ params, searchParams }: Props) {
  const { user } = await requireUser();
  const { id } = await params;
  const transfer = await fetchTransfer(user.id, id);
  if (!transfer) notFound();
  const duplicate = (await searchParams).duplicate === '1';

  return (
    <section className="card receipt-card" aria-labelledby="receipt-heading">
      <div className="receipt-header">
        <CheckIcon className="success-mark" />
        <div>
          <h1 id="receipt-heading">Transfer sent</h1>
          <p className="muted">{formatDateTime(transfer.createdAt)}</p>
        </div>
      </div>
      {duplicate ? (
        <p className="alert alert-info" role="status" data-spaced="bottom">
          This form had already been sent, so we did not send the money twice. This is the original transfer.
        </p>
      ) : null}
      <dl className="receipt">
        <div>
          <dt>Amount</dt>
          <dd>
            <Money minor={transfer.amountMinor} currency={transfer.currency} />
          </dd>
        </div>
        <div>
          <dt>From</dt>
          <dd>
            <Link href={`/accounts/${transfer.fromAccount.id}`}>{transfer.fromAccount.name}</Link>
          </dd>
        </div>
        <div>
          <dt>To</dt>
          <dd>
            {transfer.toAccount ? (
              <Link href={`/accounts/${transfer.toAccount.id}`}>{transfer.toAccount.name}</Link>
            ) : (
              <>
                {transfer.payee?.name ?? 'Payee'}
                {transfer.payee ? <span className="mono muted"> · {formatIban(transfer.payee.iban)}</span> : null}
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>Reference</dt>
          <dd>{transfer.memo ?? '—'}</dd>
        </div>
        <div>
          <dt>Transfer ID</dt>
          <dd className="mono">{transfer.id}</dd>
        </div>
      </dl>
      <div className="actions" data-spaced="top">
        <Link href="/transfers/new" className="button button-primary">
          Make another transfer
        </Link>
        <Link href="/dashboard" className="button button-secondary">
          Back to dashboard
        </Link>
      </div>
    </section>
  );
}
