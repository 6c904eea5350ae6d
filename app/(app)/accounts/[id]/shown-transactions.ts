import type { TransactionRow } from '@/lib/dal/transactions';
import { formatDate, formatMoney, formatSignedMoney } from '@/app/ui/format';

/** A transaction as its row shows it, all text formatted on the server: what the client table receives. */
export type ShownTransaction = [id: string, when: string, title: string, sub: string | null, category: string, amount: string, moneyIn: boolean, balance: string];

/** The same texts and classes the server-rendered row had (`Money` signed for the amount, plain for the balance). */
export function shownTransaction(row: TransactionRow, currency: string): ShownTransaction {
  const sub = row.counterparty && row.counterparty !== row.description ? row.description : null;
  return [
    row.id,
    formatDate(row.bookedAt),
    row.counterparty ?? row.description,
    sub,
    row.category,
    formatSignedMoney(row.amountMinor, currency),
    row.amountMinor > 0,
    formatMoney(row.balanceAfterMinor, currency),
  ];
}
