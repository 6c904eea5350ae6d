// Writes the demo users into any database the app supports. Idempotent: a demo
// user that already exists is left alone with all its data (it may have been
// used — transfers made, password changed); a missing one is created whole, in
// one transaction, so a crash never leaves a half-seeded user behind.
import type { Db, Prisma } from '../../lib/db/client.ts';
import type { KeyMap } from '../../lib/config/secrets.ts';
import { hashPassword } from '../../lib/auth/password/index.ts';
import { sealRecoveryCode } from '../../lib/auth/mfa/index.ts';
import { encryptField } from '../../lib/crypto/field-encryption.ts';
import { ACCOUNT_NAMES, DEMO_PASSWORD, DEMO_USERS, type SpendingProfile } from './demo-users.ts';
import { ACCOUNT_KINDS, buildLedger, type AccountKind, type Ledger } from './ledger.ts';
import { externalIban, ownAccountIban } from './iban.ts';
import { createRandom } from './prng.ts';

export type SeedOptions = { keyMap: KeyMap; now: Date };

export type SeededUser =
  | { email: string; status: 'created'; accounts: number; transactions: number; payees: number; transfers: number }
  | { email: string; status: 'exists' };

const TRANSACTION_BATCH = 500; // ~5,000 bind parameters: well inside SQLite's and PostgreSQL's limits
const DAY_MS = 86_400_000;

export async function seedDatabase(db: Db, { keyMap, now }: SeedOptions): Promise<SeededUser[]> {
  const results: SeededUser[] = [];
  for (const profile of DEMO_USERS) {
    const existing = await db.user.findUnique({ where: { email: profile.email }, select: { id: true } });
    if (existing) {
      results.push({ email: profile.email, status: 'exists' });
      continue;
    }
    try {
      results.push(await createDemoUser(db, profile, keyMap, now));
    } catch (error) {
      // Another seed run (e.g. a second instance starting up) created it first.
      if ((error as { code?: unknown }).code !== 'P2002') throw error;
      results.push({ email: profile.email, status: 'exists' });
    }
  }
  return results;
}

async function createDemoUser(db: Db, profile: SpendingProfile, keyMap: KeyMap, now: Date): Promise<SeededUser> {
  // Slow or random work happens before the transaction opens, to keep it short.
  const ledger = buildLedger(profile, now);
  const random = createRandom(profile.seed ^ 0x1ba4); // a separate stream, so IBANs don't shift the ledger
  const ibans = Object.fromEntries(ACCOUNT_KINDS.map((kind, index) => [kind, ownAccountIban(random, profile.ordinal, index + 1)]));
  const payees = [profile.rent.landlord, ...profile.payees.map((p) => p.name)].map((name) => ({ name, iban: externalIban(random) }));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const mfaSince = new Date(now.getTime() - 60 * DAY_MS);

  return db.$transaction(
    async (tx) => {
      const user = await tx.user.create({
        data: {
          email: profile.email,
          name: profile.name,
          passwordHash,
          passwordChangedAt: ledger.startsAt,
          emailVerifiedAt: ledger.startsAt,
          totpSecret: profile.mfa ? encryptField(profile.mfa.totpSecret, keyMap) : null,
          totpEnabledAt: profile.mfa ? mfaSince : null,
          createdAt: ledger.startsAt,
        },
      });

      const accountIds = {} as Record<AccountKind, string>;
      for (const kind of ACCOUNT_KINDS) {
        const account = await tx.bankAccount.create({
          data: { userId: user.id, name: ACCOUNT_NAMES[kind], kind, currency: 'EUR', iban: ibans[kind]!, balanceMinor: ledger.balances[kind], createdAt: ledger.startsAt },
        });
        accountIds[kind] = account.id;
      }

      const payeeRows = await tx.payee.createManyAndReturn({
        data: payees.map((payee) => ({ ...payee, userId: user.id, createdAt: ledger.startsAt })),
        select: { id: true, name: true },
      });
      const payeeIds = new Map(payeeRows.map((row) => [row.name, row.id]));

      const transferIds = await writeTransfers(tx, ledger, user.id, accountIds, payeeIds);
      await writeTransactions(tx, ledger, accountIds, transferIds);

      if (profile.mfa) {
        await tx.recoveryCode.createMany({
          data: profile.mfa.recoveryCodes.map((code) => ({ userId: user.id, codeHash: sealRecoveryCode(user.id, code, keyMap), createdAt: mfaSince })),
        });
      }

      return {
        email: profile.email,
        status: 'created' as const,
        accounts: ACCOUNT_KINDS.length,
        transactions: ledger.transactions.length,
        payees: payees.length,
        transfers: ledger.transfers.length,
      };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

async function writeTransfers(
  tx: Prisma.TransactionClient,
  ledger: Ledger,
  userId: string,
  accountIds: Record<AccountKind, string>,
  payeeIds: Map<string, string>,
): Promise<Map<string, string>> {
  const rows = await tx.transfer.createManyAndReturn({
    data: ledger.transfers.map((transfer) => ({
      userId,
      idempotencyKey: transfer.key,
      fromAccountId: accountIds[transfer.from],
      toAccountId: transfer.toAccount ? accountIds[transfer.toAccount] : null,
      payeeId: transfer.payee ? lookup(payeeIds, transfer.payee) : null,
      amountMinor: transfer.amountMinor,
      currency: 'EUR',
      memo: transfer.memo,
      createdAt: transfer.at,
    })),
    select: { id: true, idempotencyKey: true },
  });
  return new Map(rows.map((row) => [row.idempotencyKey, row.id]));
}

async function writeTransactions(
  tx: Prisma.TransactionClient,
  ledger: Ledger,
  accountIds: Record<AccountKind, string>,
  transferIds: Map<string, string>,
): Promise<void> {
  const rows = ledger.transactions.map((t) => ({
    accountId: accountIds[t.account],
    amountMinor: t.amountMinor,
    balanceAfterMinor: t.balanceAfterMinor,
    description: t.description,
    counterparty: t.counterparty,
    category: t.category,
    bookedAt: t.bookedAt,
    transferId: t.transferKey ? lookup(transferIds, t.transferKey) : null,
    createdAt: t.bookedAt,
  }));
  for (let start = 0; start < rows.length; start += TRANSACTION_BATCH) {
    await tx.transaction.createMany({ data: rows.slice(start, start + TRANSACTION_BATCH) });
  }
}

function lookup(ids: Map<string, string>, key: string): string {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`seed: nothing was written for "${key}"`);
  return id;
}
