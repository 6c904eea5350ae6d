import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/dal/session';
import { fetchAccount } from '@/lib/dal/accounts';
import { filtersQuery, hasActiveFilters, parseTransactionFilters } from '@/lib/banking/transaction-filters';
import { accountKindLabel, formatIban } from '@/app/ui/format';
import { Loading } from '@/app/ui/loading';
import { Money } from '@/app/ui/money';
import { TransactionFiltersForm } from './filters-form';
import { TransactionsSection } from './transactions-section';

export const metadata: Metadata = { title: 'Account' };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function AccountPage({ params, searchParams }: Props) {
  const { user } = await requireUser();
  const { id } = await params;
  // Someone else's account id finds nothing: 404, exactly like an id that never existed.
  const account = await fetchAccount(user.id, id);
  if (!account) notFound();

  const parsed = parseTransactionFilters(await searchParams);
  const filtered = hasActiveFilters(parsed.filters);
  const basePath = `/accounts/${account.id}`;
  const query = filtersQuery(parsed.values, parsed.filters.page);

  return (
    <>
      <div>
        <Link href="/dashboard" className="back-link">
          ← Dashboard
        </Link>
        <div className="card account-hero">
          <div>
            <p className="eyebrow">{accountKindLabel[account.kind] ?? account.kind}</p>
            <h1>{account.name}</h1>
          </div>
          <dl>
            <div>
              <dt>IBAN</dt>
              <dd className="mono">{formatIban(account.iban)}</dd>
            </div>
            <div>
              <dt>Balance</dt>
              <dd className="balance">
                <Money minor={account.balanceMinor} currency={account.currency} />
              </dd>
            </div>
          </dl>
        </div>
      </div>

      <section className="card" aria-labelledby="search-heading">
        <h2 id="search-heading" className="visually-hidden">
          Search transactions
        </h2>
        <TransactionFiltersForm key={filtersQuery(parsed.values)} action={basePath} values={parsed.values} errors={parsed.errors} filtered={filtered} currency={account.currency} />
      </section>

      {/* Streams in after the account is known to be the user's: that check decides 404 before anything is sent. */}
      <Suspense key={query} fallback={<Loading label="Loading transactions…" />}>
        <TransactionsSection userId={user.id} account={account} parsed={parsed} filtered={filtered} basePath={basePath} />
      </Suspense>
    </>
  );
}
