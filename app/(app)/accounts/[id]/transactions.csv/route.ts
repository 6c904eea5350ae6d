import { getCurrentSession } from '@/lib/dal/session';
import { fetchAccountPage } from '@/lib/dal/account-page';
import { parseTransactionFilters } from '@/lib/banking/transaction-filters';
import { dayKey } from '@/lib/banking/calendar';
import { minorToInput } from '@/lib/banking/money';

const noStore = { 'Cache-Control': 'no-store' };

/** A spreadsheet must not run a cell as a formula (CSV injection), so text never starts with = + - @. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

// The account's transactions (with the page's filters) as CSV. A route
// handler gets no help from layouts or middleware: it asks the DAL itself,
// and another user's account answers 404 like a missing one.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const current = await getCurrentSession();
  if (current.status !== 'authenticated') return Response.json({ error: 'unauthenticated' }, { status: 401, headers: noStore });
  const { id } = await params;
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const { filters } = parseTransactionFilters(query);
  // Every matching transaction, newest first, capped: the first page of a large size.
  const found = await fetchAccountPage(current.user.id, id, { ...filters, page: 1 }, { pageSize: 5_000 });
  if (!found) return Response.json({ error: 'not found' }, { status: 404, headers: noStore });
  const { account, transactions: { rows } } = found;
  const lines = [
    'Date,Description,Counterparty,Category,Amount,Currency,Balance after',
    ...rows.map((row) =>
      [
        dayKey(row.bookedAt),
        cell(row.description),
        cell(row.counterparty ?? ''),
        cell(row.category),
        minorToInput(row.amountMinor, account.currency),
        account.currency,
        minorToInput(row.balanceAfterMinor, account.currency),
      ].join(','),
    ),
  ];
  const filename = `${account.name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}-transactions.csv`;
  return new Response(`${lines.join('\r\n')}\r\n`, {
    headers: {
      ...noStore,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
    },
  });
}
