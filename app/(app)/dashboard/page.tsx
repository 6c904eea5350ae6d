import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/dal/session';
import { fetchDashboard } from '@/lib/dal/dashboard';
import { DISPLAY_TIME_ZONE } from '@/lib/banking/calendar';
import { formatDate, formatLongDate, maskIban } from '@/app/ui/format';
import { ArrowRightIcon } from '@/app/ui/icons';
import { Money } from '@/app/ui/money';
import { BalanceOverview } from './balance-overview';

export const metadata: Metadata = { title: 'Dashboard' };

const shortKindLabel: Record<string, string> = { checking: 'Current', savings: 'Savings', card: 'Credit card' };

const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: DISPLAY_TIME_ZONE, hour: 'numeric', hourCycle: 'h23' });

function greeting(now: Date): string {
  const hour = Number(hourFormat.format(now));
  if (hour < 5 || hour >= 18) return 'Good evening';
  return hour < 12 ? 'Good morning' : 'Good afternoon';
}

export default async function DashboardPage() {
  const { user } = await requireUser();
  const now = new Date();
  // Cards, chart and list in one statement (ADR 028).
  const { accounts, history, recent } = await fetchDashboard(user.id, { now, days: 183, recentCount: 6 });
  const currency = history?.currency ?? accounts[0]?.currency ?? 'EUR';
  const total = accounts.filter((a) => a.currency === currency).reduce((sum, a) => sum + a.balanceMinor, 0);
  const firstName = user.name.split(' ')[0];
  const everyday = accounts.find((a) => a.kind === 'checking') ?? accounts[0];
  const ownAccountNames = new Set(accounts.map((a) => a.name));
  // A transfer between own accounts reads best by its description ("Transfer to …").
  const title = (tx: (typeof recent)[number]) => (tx.counterparty && !ownAccountNames.has(tx.counterparty) ? tx.counterparty : tx.description);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>
            {greeting(now)}, {firstName}
          </h1>
          <p className="subtitle">{formatLongDate(now)}</p>
        </div>
        <Link href="/transfers/new" className="button button-primary">
          New transfer
        </Link>
      </div>

      <section aria-labelledby="accounts-heading">
        <h2 id="accounts-heading" className="visually-hidden">
          Your accounts
        </h2>
        <div className="balances">
          <div className="card total-card">
            <p className="eyebrow">Total balance</p>
            <p className="balance">
              <Money minor={total} currency={currency} />
            </p>
            <p>
              Across {accounts.length} {accounts.length === 1 ? 'account' : 'accounts'}
            </p>
          </div>
          {accounts.map((account) => (
            <Link key={account.id} href={`/accounts/${account.id}`} className="card account-card">
              <span className="account-name">{account.name}</span>
              <span className="account-meta">
                {shortKindLabel[account.kind] ?? account.kind} · <span className="nowrap">{maskIban(account.iban)}</span>
              </span>
              <span className="balance">
                <Money minor={account.balanceMinor} currency={account.currency} />
              </span>
            </Link>
          ))}
        </div>
      </section>

      <div className="grid-two">
        {history ? <BalanceOverview points={history.points} currency={history.currency} /> : null}

        <section className="card" aria-labelledby="recent-heading">
          <div className="card-header">
            <h2 id="recent-heading">Recent transactions</h2>
            {everyday ? (
              <Link href={`/accounts/${everyday.id}`} className="back-link">
                View all <ArrowRightIcon />
              </Link>
            ) : null}
          </div>
          {recent.length === 0 ? (
            <p className="muted">No transactions yet.</p>
          ) : (
            <ul className="tx-list">
              {recent.map((tx) => (
                <li key={tx.id} className="tx-item">
                  <span className="tx-title">{title(tx)}</span>
                  <Money minor={tx.amountMinor} currency={tx.account.currency} signed />
                  <span className="tx-sub">
                    {formatDate(tx.bookedAt)} · {tx.account.name}
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
