'use client';
// The page of transactions as a client component fed one short tuple of text per
// row (ADR 049). As server components, 25 rows of ten elements each were most of
// the page's React Flight payload: every element serialised with its props, then
// parsed again to render the HTML, and React outlines an element tree that large
// into a separate chunk per row. The text is formatted on the server
// (./shown-transactions.ts), so the browser formats nothing and the markup is the
// one the server components rendered.
import type { ShownTransaction } from './shown-transactions';

export function TransactionsTable({ rows }: { rows: ShownTransaction[] }) {
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
          {rows.map(([id, when, title, sub, category, amount, moneyIn, balance]) => (
            <tr key={id}>
              <td className="when">{when}</td>
              <td className="what">
                <div className="tx-title">{title}</div>
                {sub === null ? null : <div className="tx-sub">{sub}</div>}
              </td>
              <td className="cat">
                <span className="category">{category}</span>
              </td>
              <td className="num">
                <span className={moneyIn ? 'amount amount-in' : 'amount amount-out'}>{amount}</span>
              </td>
              <td className="num after amount">{balance}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
