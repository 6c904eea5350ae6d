import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/dal/session';
import { fetchAccount } from '@/lib/dal/accounts';
import { fetchAccountTransactions } from '@/lib/dal/transactions';
import { filtersQuery, hasActiveFilters, parseTransactionFilters } from '@/lib/banking/transaction-filters';
import { accountKindLabel, formatIban } from '@/app/ui/format';
import { Money } from '@/app/ui/money';
import { TransactionFiltersForm } from './filters-form';
import { TransactionsTable } from './transactions-table';

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
  const result = await fetchAccountTransactions(user.id, account.id, parsed.filters);
  const filtered = hasActiveFilters(parsed.filters);
  const basePath = `/accounts/${account.id}`;
  const first = (result.page - 1) * result.pageSize + 1;
  const last = first + result.rows.length - 1;
  const summary =
    result.total === 0
      ? filtered
        ? 'No transactions match these filters.'
        : 'No transactions yet.'
      : `Showing ${first}–${last} of ${result.total} ${filtered ? 'matching ' : ''}transactions`;

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

      <section className="card" aria-labelledby="transactions-heading">
        <div className="card-header">
          <h2 id="transactions-heading">Transactions</h2>
          <a className="button button-secondary button-small" href={`${basePath}/transactions.csv${filtersQuery(parsed.values)}`} download>
            Download CSV
          </a>
        </div>
        <p role="status" className="hint">
          {summary}
        </p>
        {result.rows.length > 0 ? <TransactionsTable rows={result.rows} currency={account.currency} /> : null}
        {result.pageCount > 1 ? (
          <nav className="pager" aria-label="Pages of transactions">
            <span className="hint">
              Page {result.page} of {result.pageCount}
            </span>
            <div className="pager-links">
              <PageLink href={`${basePath}${filtersQuery(parsed.values, result.page - 1)}`} disabled={result.page <= 1} rel="prev">
                Previous
              </PageLink>
              <PageLink href={`${basePath}${filtersQuery(parsed.values, result.page + 1)}`} disabled={result.page >= result.pageCount} rel="next">
                Next
              </PageLink>
            </div>
          </nav>
        ) : null}
      </section>
    </>
  );
}

function PageLink({ href, disabled, rel, children }: { href: string; disabled: boolean; rel: string; children: React.ReactNode }) {
  if (disabled) {
    return (
      <a className="button button-secondary button-small" aria-disabled="true" role="link">
        {children}
      </a>
    );
  }
  return (
    <Link className="button button-secondary button-small" href={href} rel={rel}>
      {children}
    </Link>
  );
}
