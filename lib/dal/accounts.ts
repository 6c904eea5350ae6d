import 'server-only';
// Account data, always scoped to the signed-in user's id (no IDOR).
import { db } from '../db';

export async function fetchAccountBalances(userId: string) {
  return db.bankAccount.findMany({
    where: { userId },
    select: { id: true, name: true, kind: true, currency: true, balanceMinor: true, iban: true },
    orderBy: { createdAt: 'asc' },
  });
}
