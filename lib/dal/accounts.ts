import 'server-only';
// Account data, always scoped to the signed-in user's id (no IDOR): a query
// names the user, so another user's account id simply finds nothing.
import { db } from '../db';

const accountSelect = { id: true, name: true, kind: true, currency: true, balanceMinor: true, iban: true } as const;

export type AccountSummary = { id: string; name: string; kind: string; currency: string; balanceMinor: number; iban: string };

export async function fetchAccountBalances(userId: string): Promise<AccountSummary[]> {
  return db.bankAccount.findMany({
    where: { userId },
    select: accountSelect,
    orderBy: { createdAt: 'asc' },
  });
}
