import type { Metadata } from 'next';
import Link from 'next/link';
import { randomUUID } from 'node:crypto';
import { env } from '@/lib/env';
import { requireUser } from '@/lib/dal/session';
import { isEmailVerified } from '@/lib/dal/sign-up';
import { fetchRecentTransfers, fetchTransferOptions, scaPolicy } from '@/lib/dal/transfers';
import { prefillFromQuery } from '@/lib/banking/transfer-form';
import { isFreshlyAuthenticated } from '@/lib/session/policy';
import { sessionPolicy } from '@/lib/session';
import { formatDate } from '@/app/ui/format';
import { Money } from '@/app/ui/money';
import { TransferForm } from './transfer-form';

export const metadata: Metadata = { title: 'New transfer' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NewTransferPage({ searchParams }: Props) {
  const current = await requireUser();
  const query = await searchParams;
  const [options, recent, verified] = await Promise.all([fetchTransferOptions(current.user.id), fetchRecentTransfers(current.user.id, 5), isEmailVerified(current.user.id)]);
  const prefill = prefillFromQuery(query);
  // One idempotency key per form render: a double click or a replayed POST of
  // this form maps to one transfer. After a step-up the key comes back in the URL.
  const idempotencyKey = prefill.idempotencyKey ?? randomUUID();
  const backFromStepUp = query.confirm === '1' && isFreshlyAuthenticated(current.session.authenticatedAt, new Date(), sessionPolicy);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>New transfer</h1>
          <p className="subtitle">Between your accounts or to a saved payee.</p>
        </div>
        <Link href="/transfers/payees" className="button button-secondary">
          Payees
        </Link>
      </div>
      <div className="grid-two">
        <section className="card" aria-labelledby="transfer-heading">
          <h2 id="transfer-heading" className="visually-hidden">
            Transfer details
          </h2>
          {verified ? null : (
            // ADR 045: the transfer itself is refused (lib/dal/send-transfer.ts); this says so before the user tries.
            <p className="alert alert-info" role="status" data-spaced="bottom">
              Verify your email address to send money: open the link we emailed you, or <Link href="/profile">ask for a new one on your profile</Link>.
            </p>
          )}
          {backFromStepUp ? (
            <p className="alert alert-info" role="status" data-spaced="bottom">
              Thanks for confirming it’s you. Check the details and send the transfer.
            </p>
          ) : null}
          {options.sources.length === 0 ? (
            <p>You have no account that can send money.</p>
          ) : (
            <TransferForm
              options={options}
              stepUpThresholdMinor={env.TRANSFER_STEP_UP_THRESHOLD_MINOR}
              scaLimits={scaPolicy}
              initial={{
                fromAccountId: prefill.fromAccountId ?? options.sources[0]!.id,
                to: prefill.to ?? '',
                amount: prefill.amount ?? '',
                memo: prefill.memo ?? '',
                idempotencyKey,
              }}
            />
          )}
        </section>

        <section className="card" aria-labelledby="recent-transfers-heading">
          <div className="card-header">
            <h2 id="recent-transfers-heading">Recent transfers</h2>
          </div>
          {recent.length === 0 ? (
            <p className="muted">No transfers yet.</p>
          ) : (
            <ul className="tx-list">
              {recent.map((transfer) => (
                <li key={transfer.id} className="tx-item">
                  <Link href={`/transfers/${transfer.id}`} className="tx-title">
                    {transfer.payee?.name ?? transfer.toAccount?.name ?? 'Transfer'}
                  </Link>
                  <Money minor={-transfer.amountMinor} currency={transfer.currency} signed />
                  <span className="tx-sub">
                    {formatDate(transfer.createdAt)} · from {transfer.fromAccount.name}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
