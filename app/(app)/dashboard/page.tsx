import type { Metadata } from 'next';
import { requireUser } from '@/lib/dal/session';
import { fetchAccountBalances } from '@/lib/dal/accounts';
import { formatMoney } from '@/app/ui/format';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const { user } = await requireUser();
  const accounts = await fetchAccountBalances(user.id);
  return (
    <>
      <h1>Hello, {user.name.split(' ')[0]}</h1>
      <section aria-labelledby="accounts-heading" className="card">
        <h2 id="accounts-heading">Your accounts</h2>
        <ul className="account-list">
          {accounts.map((account) => (
            <li key={account.id} className="account-row">
              <span>{account.name}</span>
              <span className="amount">{formatMoney(account.balanceMinor, account.currency)}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
