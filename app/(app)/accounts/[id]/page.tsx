import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/dal/session';
import { fetchAccountPage } from '@/lib/dal/account-page';
import { filtersQuery, hasActiveFilters, parseTransactionFilters } from '@/lib/banking/transaction-filters';
import { accountKindLabel, formatIban } from '@/app/ui/format';
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
  const parsed = parseTransactionFilters(await searchParams);
  // The account and its page of transactions in one statement (ADR 036). Someone
  // else's account id finds nothing: 404, exactly like an id that never existed.
  const found = await fetchAccountPage(user.id, id, parsed.filters);
  if (!found) notFound();
  const { account, transactions } = found;
  const filtered = hasActiveFilters(parsed.filters);
  const basePath = `/accounts/${account.id}`;

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

      <TransactionsSection transactions={transactions} currency={account.currency} values={parsed.values} filtered={filtered} basePath={basePath} />
    </>
  );
}
