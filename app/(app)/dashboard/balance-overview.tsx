// The chart card: the chart itself (client), and its text alternative — a
// summary sentence and a month-end table — rendered on the server.
import { monthEndPoints, summariseBalanceHistory, type BalancePoint } from '@/lib/banking/balance-history';
import { formatDay, formatMoney, formatMonth } from '@/app/ui/format';
import { BalanceChart } from './balance-chart';

export function BalanceOverview({ points, currency }: { points: BalancePoint[]; currency: string }) {
  const summary = summariseBalanceHistory(points);
  if (!summary) return null;
  const money = (minor: number) => formatMoney(minor, currency);
  const change = summary.changeMinor;
  const direction = change > 0 ? `up ${money(change)}` : change < 0 ? `down ${money(-change)}` : 'unchanged';
  const description =
    `Your total balance went from ${money(summary.first.totalMinor)} on ${formatDay(summary.first.day)} ` +
    `to ${money(summary.last.totalMinor)} today (${direction}). ` +
    `Lowest: ${money(summary.lowest.totalMinor)} on ${formatDay(summary.lowest.day)}; ` +
    `highest: ${money(summary.highest.totalMinor)} on ${formatDay(summary.highest.day)}.`;

  return (
    <section className="card" aria-labelledby="chart-heading">
      <div className="card-header">
        <h2 id="chart-heading">Balance over time</h2>
        <p>All accounts, last 6 months</p>
      </div>
      <figure className="chart" aria-labelledby="chart-heading" aria-describedby="chart-summary">
        <BalanceChart fromDay={summary.first.day} totals={points.map((p) => p.totalMinor)} currency={currency} title="Total balance over the last 6 months" description={description} />
      </figure>
      <p id="chart-summary" className="chart-summary">
        {description}
      </p>
      <details className="data-table">
        <summary>Show month-end balances as a table</summary>
        <div className="table-scroll">
          <table className="table">
            <caption>Total balance at the end of each month</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col" className="num">
                  Balance
                </th>
              </tr>
            </thead>
            <tbody>
              {monthEndPoints(points).map((point) => (
                <tr key={point.day}>
                  <th scope="row">{point.day === summary.last.day ? `${formatMonth(point.day)} (so far)` : formatMonth(point.day)}</th>
                  <td className="num amount">{money(point.totalMinor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
