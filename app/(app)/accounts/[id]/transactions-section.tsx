import Link from 'next/link';
import type { TransactionPage } from '@/lib/dal/transactions';
import { filtersQuery, type ParsedFilters } from '@/lib/banking/transaction-filters';
import { shownTransaction } from './shown-transactions';
import { TransactionsTable } from './transactions-table';

type Props = { transactions: TransactionPage; currency: string; values: ParsedFilters['values']; filtered: boolean; basePath: string };

export function TransactionsSection({ transactions: result, currency, values, filtered, basePath }: Props) {
  const first = (result.page - 1) * result.pageSize + 1;
  const last = first + result.rows.length - 1;
  const summary =
    result.total === 0
      ? filtered
        ? 'No transactions match these filters.'
        : 'No transactions yet.'
      : `Showing ${first}–${last} of ${result.total} ${filtered ? 'matching ' : ''}transactions`;

  return (
    <section className="card" aria-labelledby="transactions-heading">
      <div className="card-header">
        <h2 id="transactions-heading">Transactions</h2>
        <a className="button button-secondary button-small" href={`${basePath}/transactions.csv${filtersQuery(values)}`} download>
          Download CSV
        </a>
      </div>
      <p role="status" className="hint">
        {summary}
      </p>
      {result.rows.length > 0 ? <TransactionsTable rows={result.rows.map((row) => shownTransaction(row, currency))} /> : null}
      {result.pageCount > 1 ? (
        <nav className="pager" aria-label="Pages of transactions">
          <span className="hint">
            Page {result.page} of {result.pageCount}
          </span>
          <div className="pager-links">
            <PageLink href={`${basePath}${filtersQuery(values, result.page - 1)}`} disabled={result.page <= 1} rel="prev">
              Previous
            </PageLink>
            <PageLink href={`${basePath}${filtersQuery(values, result.page + 1)}`} disabled={result.page >= result.pageCount} rel="next">
              Next
            </PageLink>
          </div>
        </nav>
      ) : null}
    </section>
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
