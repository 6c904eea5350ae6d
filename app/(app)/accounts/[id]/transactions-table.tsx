import type { TransactionRow } from '@/lib/dal/transactions';
import { formatDate, formatMoney } from '@/app/ui/format';
import { Money } from '@/app/ui/money';

export function TransactionsTable({ rows, currency }: { rows: TransactionRow[]; currency: string }) {
  return (
    <div className="table-scroll">
      <table className="table tx-table">
        <caption className="visually-hidden">Transactions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Description</th>
            <th scope="col">Category</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col" className="num">
              Balance
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="when">{formatDate(row.bookedAt)}</td>
              <td className="what">
                <div className="tx-title">{row.counterparty ?? row.description}</div>
                {row.counterparty && row.counterparty !== row.description ? <div className="tx-sub">{row.description}</div> : null}
              </td>
              <td className="cat">
                <span className="category">{row.category}</span>
              </td>
              <td className="num">
                <Money minor={row.amountMinor} currency={currency} signed />
              </td>
              <td className="num after amount">{formatMoney(row.balanceAfterMinor, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
