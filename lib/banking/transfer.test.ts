// Against a real database (this worker's own SQLite or PostgreSQL), no mocks.
import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { createTransfer, type TransferRequest } from './transfer';

const db = getTestDb();
let keyCounter = 0;
const newKey = () => `test-key-${Date.now()}-${++keyCounter}`.padEnd(20, '0');

async function createCustomer(email: string, balances: { checking: number; savings: number; card: number }) {
  const user = await db.user.create({ data: { email, name: email.split('@')[0]!, passwordHash: 'x' } });
  const account = (kind: 'checking' | 'savings' | 'card', balanceMinor: number, currency = 'EUR') =>
    db.bankAccount.create({
      data: { userId: user.id, name: `${kind} of ${email}`, kind, currency, iban: `${email}-${kind}-${currency}`, balanceMinor },
    });
  const checking = await account('checking', balances.checking);
  const savings = await account('savings', balances.savings);
  const card = await account('card', balances.card);
  const payee = await db.payee.create({ data: { userId: user.id, name: 'Weber Hausverwaltung', iban: `DE00${email.length}` } });
  return { user, checking, savings, card, payee };
}

type Customer = Awaited<ReturnType<typeof createCustomer>>;
let alice: Customer;
let bob: Customer;

beforeEach(async () => {
  await resetTestDb();
  alice = await createCustomer('alice@example.com', { checking: 100_00, savings: 500_00, card: -50_00 });
  bob = await createCustomer('bob@example.com', { checking: 1_000_00, savings: 0, card: 0 });
});

const balance = async (id: string) => (await db.bankAccount.findUniqueOrThrow({ where: { id } })).balanceMinor;
const toPayee = (overrides: Partial<TransferRequest> = {}): TransferRequest => ({
  userId: alice.user.id,
  idempotencyKey: newKey(),
  fromAccountId: alice.checking.id,
  destination: { kind: 'payee', payeeId: alice.payee.id },
  amountMinor: 25_00,
  memo: 'Rent share',
  ...overrides,
});

describe('createTransfer', () => {
  it('pays a payee: debits the account and books one transaction with the running balance', async () => {
    const outcome = await createTransfer(db, toPayee());
    expect(outcome).toMatchObject({ status: 'created', transfer: { amountMinor: 25_00, currency: 'EUR', payeeId: alice.payee.id, toAccountId: null } });
    expect(await balance(alice.checking.id)).toBe(75_00);
    const entries = await db.transaction.findMany({ where: { accountId: alice.checking.id } });
    expect(entries).toEqual([
      expect.objectContaining({ amountMinor: -25_00, balanceAfterMinor: 75_00, description: 'Rent share', counterparty: 'Weber Hausverwaltung' }),
    ]);
    expect(entries[0]!.transferId).toBe(outcome.status === 'created' ? outcome.transfer.id : null);
  });

  it('moves money between own accounts: debit and credit, one transfer', async () => {
    const outcome = await createTransfer(db, toPayee({ destination: { kind: 'account', accountId: alice.card.id }, amountMinor: 50_00, memo: null }));
    expect(outcome.status).toBe('created');
    expect(await balance(alice.checking.id)).toBe(50_00);
    expect(await balance(alice.card.id)).toBe(0);
    const entries = await db.transaction.findMany({ orderBy: { amountMinor: 'asc' } });
    expect(entries.map((e) => [e.accountId, e.amountMinor, e.balanceAfterMinor, e.category, e.description])).toEqual([
      [alice.checking.id, -50_00, 50_00, 'Card payment', `Transfer to ${alice.card.name}`],
      [alice.card.id, 50_00, 0, 'Card payment', 'Payment received, thank you'],
    ]);
  });

  it('is idempotent: the same key again returns the same transfer and moves nothing more', async () => {
    const request = toPayee();
    const first = await createTransfer(db, request);
    const second = await createTransfer(db, request);
    expect(first.status).toBe('created');
    expect(second).toEqual({ status: 'duplicate', transfer: first.status === 'created' ? first.transfer : null });
    expect(await balance(alice.checking.id)).toBe(75_00);
    expect(await db.transfer.count()).toBe(1);
    expect(await db.transaction.count()).toBe(1);
  });

  it('is idempotent under concurrency: five simultaneous submits make one transfer', async () => {
    const request = toPayee({ destination: { kind: 'account', accountId: alice.savings.id } });
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => createTransfer(db, request)));
    expect(outcomes.filter((o) => o.status === 'created')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'duplicate')).toHaveLength(4);
    expect(new Set(outcomes.map((o) => (o.status === 'rejected' ? o.reason : o.transfer.id))).size).toBe(1);
    expect(await balance(alice.checking.id)).toBe(75_00);
    expect(await balance(alice.savings.id)).toBe(525_00);
    expect(await db.transaction.count()).toBe(2);
  });

  it('refuses a reused key with different details, moving nothing', async () => {
    const request = toPayee();
    await createTransfer(db, request);
    const reused = await createTransfer(db, { ...request, amountMinor: 30_00 });
    expect(reused).toMatchObject({ status: 'rejected', reason: 'key-reused' });
    expect(await balance(alice.checking.id)).toBe(75_00);
  });

  it('keys are per user: another user may use the same key', async () => {
    const idempotencyKey = newKey();
    await createTransfer(db, toPayee({ idempotencyKey }));
    const bobs = await createTransfer(db, {
      userId: bob.user.id,
      idempotencyKey,
      fromAccountId: bob.checking.id,
      destination: { kind: 'payee', payeeId: bob.payee.id },
      amountMinor: 10_00,
      memo: null,
    });
    expect(bobs.status).toBe('created');
  });

  it('never overdraws: refuses with the available balance and leaves no trace', async () => {
    const outcome = await createTransfer(db, toPayee({ amountMinor: 100_01 }));
    expect(outcome).toEqual({
      status: 'rejected',
      reason: 'insufficient-funds',
      message: `Not enough money in ${alice.checking.name}: €100.00 is available. Nothing was sent.`,
    });
    expect(await balance(alice.checking.id)).toBe(100_00);
    expect(await db.transfer.count()).toBe(0);
    expect(await db.transaction.count()).toBe(0);
    // The key was not used up: the same form can be corrected and sent.
    expect((await createTransfer(db, toPayee({ amountMinor: 100_00 }))).status).toBe('created');
    expect(await balance(alice.checking.id)).toBe(0);
  });

  it('never overdraws under concurrency: of five €30 transfers from €100, three succeed', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => createTransfer(db, toPayee({ amountMinor: 30_00, destination: { kind: 'account', accountId: alice.savings.id } }))),
    );
    expect(outcomes.filter((o) => o.status === 'created')).toHaveLength(3);
    expect(outcomes.filter((o) => o.status === 'rejected' && o.reason === 'insufficient-funds')).toHaveLength(2);
    expect(await balance(alice.checking.id)).toBe(10_00);
    expect(await balance(alice.savings.id)).toBe(590_00);
  });

  it('opposite transfers at the same time both complete (no deadlock)', async () => {
    const outcomes = await Promise.all([
      createTransfer(db, toPayee({ destination: { kind: 'account', accountId: alice.savings.id }, amountMinor: 10_00 })),
      createTransfer(db, toPayee({ fromAccountId: alice.savings.id, destination: { kind: 'account', accountId: alice.checking.id }, amountMinor: 20_00 })),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['created', 'created']);
    expect(await balance(alice.checking.id)).toBe(110_00);
    expect(await balance(alice.savings.id)).toBe(490_00);
  });

  it("answers 'not found' for another user's accounts and payees (no IDOR), changing nothing", async () => {
    const cases: [Partial<TransferRequest>, string][] = [
      [{ fromAccountId: bob.checking.id }, 'source-not-found'],
      [{ destination: { kind: 'account', accountId: bob.checking.id } }, 'destination-not-found'],
      [{ destination: { kind: 'payee', payeeId: bob.payee.id } }, 'destination-not-found'],
      [{ fromAccountId: 'does-not-exist' }, 'source-not-found'],
    ];
    for (const [overrides, reason] of cases) {
      expect(await createTransfer(db, toPayee(overrides))).toMatchObject({ status: 'rejected', reason });
    }
    expect(await balance(bob.checking.id)).toBe(1_000_00);
    expect(await balance(alice.checking.id)).toBe(100_00);
    expect(await db.transfer.count()).toBe(0);
  });

  it('refuses card sources, the same account, other currencies and bad amounts', async () => {
    const usd = await db.bankAccount.create({
      data: { userId: alice.user.id, name: 'Dollar account', kind: 'savings', currency: 'USD', iban: 'US-1', balanceMinor: 1_000_00 },
    });
    const cases: [Partial<TransferRequest>, string][] = [
      [{ fromAccountId: alice.card.id }, 'source-not-allowed'],
      [{ destination: { kind: 'account', accountId: alice.checking.id } }, 'same-account'],
      [{ destination: { kind: 'account', accountId: usd.id } }, 'currency-mismatch'],
      [{ amountMinor: 0 }, 'invalid-amount'],
      [{ amountMinor: -5 }, 'invalid-amount'],
      [{ amountMinor: 1.5 }, 'invalid-amount'],
      [{ memo: 'x'.repeat(141) }, 'invalid-memo'],
    ];
    for (const [overrides, reason] of cases) {
      expect(await createTransfer(db, toPayee(overrides))).toMatchObject({ status: 'rejected', reason });
    }
    expect(await db.transfer.count()).toBe(0);
  });
});
