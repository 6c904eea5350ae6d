// Against a real database (this worker's own SQLite or PostgreSQL), no mocks.
import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import type { TransferOutcome, TransferRequest } from '@/lib/banking/transfer';
import { DEFAULT_SCA_POLICY } from '@/lib/banking/sca-policy';
import { MAX_PENDING_AUTHORISATIONS_PER_USER, type AuthorisedPayment } from '@/lib/banking/transfer-authorisation';
import { createTransfer, EMAIL_UNVERIFIED } from './send-transfer';
import { authoriseTransfer, requestTransferAuthorisation } from './transfer-authorisations';

const db = getTestDb();
let keyCounter = 0;
const newKey = () => `test-key-${Date.now()}-${++keyCounter}`.padEnd(20, '0');

async function createCustomer(email: string, balances: { checking: number; savings: number; card: number }) {
  const user = await db.user.create({ data: { email, name: email.split('@')[0]!, passwordHash: 'x', emailVerifiedAt: new Date() } });
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

// A session that authenticated strongly an hour ago (older than any fresh-auth window).
const staleActor = () => ({ sessionId: 'session-alice', authenticatedAt: new Date(Date.now() - 3_600_000), ipAddress: '192.0.2.1', userAgent: 'vitest' });

const balance = async (id: string) => (await db.bankAccount.findUniqueOrThrow({ where: { id } })).balanceMinor;
const toPayee = (overrides: Partial<TransferRequest> = {}): TransferRequest => ({
  userId: alice.user.id,
  idempotencyKey: newKey(),
  fromAccountId: alice.checking.id,
  destination: { kind: 'payee', payeeId: alice.payee.id },
  amountMinor: 25_00,
  memo: 'Rent share',
  actor: staleActor(),
  ...overrides,
});

describe('createTransfer', () => {
  it('refuses every transfer of an account whose email is not verified (ADR 045): nothing moves, the refusal is audited', async () => {
    await db.user.update({ where: { id: alice.user.id }, data: { emailVerifiedAt: null } });
    const ownAccounts = { destination: { kind: 'account' as const, accountId: alice.savings.id } };
    for (const request of [toPayee(), toPayee(ownAccounts), toPayee({ amountMinor: 1 })]) {
      expect(await createTransfer(db, request)).toEqual({ status: 'rejected', reason: 'email-unverified', message: EMAIL_UNVERIFIED });
    }
    expect(await balance(alice.checking.id)).toBe(100_00);
    expect(await balance(alice.savings.id)).toBe(500_00);
    expect(await db.transfer.count()).toBe(0);
    expect(await db.auditEvent.count({ where: { type: 'transfer.rejected', userId: alice.user.id } })).toBe(3);
    // Verified, the same request goes through.
    await db.user.update({ where: { id: alice.user.id }, data: { emailVerifiedAt: new Date() } });
    expect((await createTransfer(db, toPayee(ownAccounts))).status).toBe('created');
  });

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
    expect(new Set(outcomes.map((o) => (o.status === 'created' || o.status === 'duplicate' ? o.transfer.id : o.status))).size).toBe(1);
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
      actor: { sessionId: 'session-bob', authenticatedAt: new Date() },
    });
    expect(bobs.status).toBe('created');
  });

  it('never overdraws: refuses with the available balance and leaves no trace', async () => {
    const toSavings = { destination: { kind: 'account', accountId: alice.savings.id } } as const;
    const request = toPayee({ ...toSavings, amountMinor: 100_01 });
    const outcome = await createTransfer(db, request);
    expect(outcome).toEqual({
      status: 'rejected',
      reason: 'insufficient-funds',
      message: `Not enough money in ${alice.checking.name}: €100.00 is available. Nothing was sent.`,
    });
    expect(await balance(alice.checking.id)).toBe(100_00);
    expect(await db.transfer.count()).toBe(0);
    expect(await db.transaction.count()).toBe(0);
    // The key was not used up: the same form can be corrected and sent.
    expect((await createTransfer(db, { ...request, amountMinor: 100_00 })).status).toBe('created');
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

const statuses = (outcomes: TransferOutcome[]) => outcomes.map((o) => o.status);
const auditEvents = (type: string) => db.auditEvent.findMany({ where: { type }, orderBy: { createdAt: 'asc' } });

describe('strong customer authentication (PSD2 RTS)', () => {
  const payTheThreshold = () => toPayee({ amountMinor: 30_00, memo: null });

  it('a stale session pays a payee in €30 chunks only until €100 is used up, then needs a bound step-up', async () => {
    await db.bankAccount.update({ where: { id: alice.checking.id }, data: { balanceMinor: 1_000_00 } });
    const outcomes: TransferOutcome[] = [];
    for (let i = 0; i < 4; i++) outcomes.push(await createTransfer(db, payTheThreshold()));
    expect(statuses(outcomes)).toEqual(['created', 'created', 'created', 'authorisation-required']);
    expect(outcomes[3]).toMatchObject({ payment: { amountMinor: 30_00, currency: 'EUR', destination: { kind: 'payee', payeeId: alice.payee.id } } });
    // The refused one left nothing behind: no transfer row, no debit.
    expect(await db.transfer.count()).toBe(3);
    expect(await balance(alice.checking.id)).toBe(1_000_00 - 90_00);
  });

  it('allows at most five exempt payments however small', async () => {
    const outcomes: TransferOutcome[] = [];
    for (let i = 0; i < 6; i++) outcomes.push(await createTransfer(db, toPayee({ amountMinor: 1 })));
    expect(statuses(outcomes)).toEqual(['created', 'created', 'created', 'created', 'created', 'authorisation-required']);
  });

  it('a payment above €30 needs the bound step-up even right after signing in', async () => {
    const outcome = await createTransfer(db, toPayee({ amountMinor: 30_01, actor: { sessionId: 's', authenticatedAt: new Date() } }));
    expect(outcome.status).toBe('authorisation-required');
    expect(await balance(alice.checking.id)).toBe(100_00);
  });

  it('honours lower configured limits, and never exempts other currencies', async () => {
    const strict = { ...DEFAULT_SCA_POLICY, singleMaxMinor: 10_00 };
    expect((await createTransfer(db, toPayee({ amountMinor: 10_01 }), strict)).status).toBe('authorisation-required');
    expect((await createTransfer(db, toPayee({ amountMinor: 10_00 }), strict)).status).toBe('created');

    const usd = await db.bankAccount.create({
      data: { userId: alice.user.id, name: 'Dollar account', kind: 'checking', currency: 'USD', iban: 'US-2', balanceMinor: 100_00 },
    });
    expect((await createTransfer(db, toPayee({ fromAccountId: usd.id, amountMinor: 1_00 }))).status).toBe('authorisation-required');
  });

  it('counts from the last strong authentication, across all of the user’s sessions', async () => {
    const earlier = { sessionId: 'old', authenticatedAt: new Date(Date.now() - 7_200_000) };
    // Before the newer session authenticated: does not count for it.
    const before = new Date(Date.now() - 3_600_000 - 1_000);
    for (let i = 0; i < 3; i++) await createTransfer(db, toPayee({ amountMinor: 30_00, actor: earlier, now: before }));
    await db.bankAccount.update({ where: { id: alice.checking.id }, data: { balanceMinor: 1_000_00 } });
    const newer = staleActor(); // authenticated an hour ago
    expect((await createTransfer(db, toPayee({ amountMinor: 30_00, actor: newer }))).status).toBe('created');
    // A payment from the other, older session after that counts for both.
    expect((await createTransfer(db, toPayee({ amountMinor: 30_00, actor: earlier }))).status).toBe('authorisation-required');
    expect((await createTransfer(db, toPayee({ amountMinor: 30_00, actor: { ...newer, sessionId: 'tab-2' } }))).status).toBe('created');
    expect((await createTransfer(db, toPayee({ amountMinor: 30_00, actor: newer }))).status).toBe('created');
    expect((await createTransfer(db, toPayee({ amountMinor: 30_00, actor: newer }))).status).toBe('authorisation-required');
  });

  it('own-account transfers are exempt and do not use up the allowance', async () => {
    for (let i = 0; i < 6; i++) {
      const outcome = await createTransfer(db, toPayee({ amountMinor: 5_00, destination: { kind: 'account', accountId: alice.savings.id } }));
      expect(outcome.status).toBe('created');
    }
    expect((await createTransfer(db, toPayee({ amountMinor: 30_00 }))).status).toBe('created');
    expect(await db.transfer.groupBy({ by: ['scaExemption'], _count: { _all: true }, orderBy: { scaExemption: 'asc' } })).toEqual([
      { scaExemption: 'low-value', _count: { _all: 1 } },
      { scaExemption: 'own-accounts', _count: { _all: 6 } },
    ]);
  });

  it('parallel payments with fresh keys cannot share one allowance', async () => {
    await db.bankAccount.update({ where: { id: alice.checking.id }, data: { balanceMinor: 1_000_00 } });
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => createTransfer(db, payTheThreshold())));
    expect(outcomes.filter((o) => o.status === 'created')).toHaveLength(3);
    expect(outcomes.filter((o) => o.status === 'authorisation-required')).toHaveLength(5);
    expect(await balance(alice.checking.id)).toBe(1_000_00 - 90_00);
  });

  describe('the step-up is bound to the payment (dynamic linking, RTS Art. 5)', () => {
    let payee2: { id: string };
    beforeEach(async () => {
      await db.bankAccount.updateMany({ where: { userId: alice.user.id, kind: { not: 'card' } }, data: { balanceMinor: 10_000_00 } });
      payee2 = await db.payee.create({ data: { userId: alice.user.id, name: 'Q', iban: 'DE-Q' } });
    });

    /** The flow of the app: the transfer asks, the user re-authenticates (session A → B), the form is sent from B. */
    async function approved(request: TransferRequest): Promise<{ id: string; payment: AuthorisedPayment }> {
      const outcome = await createTransfer(db, request);
      if (outcome.status !== 'authorisation-required') throw new Error(`expected authorisation-required, got ${outcome.status}`);
      const { id } = await requestTransferAuthorisation(db, outcome.payment, request.actor.sessionId, DEFAULT_SCA_POLICY);
      const result = await authoriseTransfer(
        db,
        { id, userId: alice.user.id, fromSessionId: request.actor.sessionId, toSessionId: 'session-b', method: 'password+totp' },
        DEFAULT_SCA_POLICY,
      );
      expect(result.status).toBe('authorised');
      return { id, payment: outcome.payment };
    }
    const fromB = { sessionId: 'session-b', authenticatedAt: new Date() };

    it('the password alone approves nothing: an authorisation is produced only by two factors (RTS Art. 4, ADR 030)', async () => {
      const outcome = await createTransfer(db, toPayee({ amountMinor: 250_00 }));
      if (outcome.status !== 'authorisation-required') throw new Error(`expected authorisation-required, got ${outcome.status}`);
      const { id } = await requestTransferAuthorisation(db, outcome.payment, 'session-a', DEFAULT_SCA_POLICY);
      const single = { id, userId: alice.user.id, fromSessionId: 'session-a', toSessionId: 'session-b', method: 'password' } as unknown as Parameters<typeof authoriseTransfer>[1];
      expect((await authoriseTransfer(db, single, DEFAULT_SCA_POLICY)).status).toBe('not-found');
      expect((await db.transferAuthorisation.findUniqueOrThrow({ where: { id } })).authorisedAt).toBeNull();
    });

    it('€1,200 to P, approved, goes through once — and the approval is used up', async () => {
      const request = toPayee({ amountMinor: 1_200_00 });
      const { id } = await approved(request);
      const sent = await createTransfer(db, { ...request, actor: fromB });
      expect(sent.status).toBe('created');
      const used = await db.transferAuthorisation.findUniqueOrThrow({ where: { id } });
      expect(used.usedAt).not.toBeNull();
      expect(used.transferId).toBe(sent.status === 'created' ? sent.transfer.id : null);
      // The same form again is the same transfer; a new form needs a new approval.
      expect((await createTransfer(db, { ...request, actor: fromB })).status).toBe('duplicate');
      expect((await createTransfer(db, { ...request, idempotencyKey: newKey(), actor: fromB })).status).toBe('authorisation-required');
      expect(await balance(alice.checking.id)).toBe(10_000_00 - 1_200_00);
    });

    it('cannot be used for another payee, another amount, another source, another form or another session', async () => {
      const request = toPayee({ amountMinor: 1_200_00 });
      await approved(request);
      const variants: Partial<TransferRequest>[] = [
        { destination: { kind: 'payee', payeeId: payee2.id } },
        { amountMinor: 5_000_00 },
        { amountMinor: 1_199_99 },
        { fromAccountId: alice.savings.id },
        { idempotencyKey: newKey() },
      ];
      for (const variant of variants) {
        expect((await createTransfer(db, { ...request, ...variant, actor: fromB })).status).toBe('authorisation-required');
      }
      // The session the approval did not go to (the one before re-authentication).
      expect((await createTransfer(db, request)).status).toBe('authorisation-required');
      expect(await db.transfer.count()).toBe(0);
      // Still good for exactly what was approved.
      expect((await createTransfer(db, { ...request, actor: fromB })).status).toBe('created');
    });

    it('is useless while pending, and after it expires', async () => {
      const request = toPayee({ amountMinor: 50_00 });
      const outcome = await createTransfer(db, request);
      if (outcome.status !== 'authorisation-required') throw new Error('expected authorisation-required');
      const { id } = await requestTransferAuthorisation(db, outcome.payment, request.actor.sessionId, DEFAULT_SCA_POLICY);
      expect((await createTransfer(db, request)).status).toBe('authorisation-required'); // not approved yet

      await authoriseTransfer(db, { id, userId: alice.user.id, fromSessionId: request.actor.sessionId, toSessionId: 'session-b', method: 'password+totp' }, DEFAULT_SCA_POLICY);
      const later = new Date(Date.now() + DEFAULT_SCA_POLICY.authorisationTtlMs + 1_000);
      expect((await createTransfer(db, { ...request, actor: fromB, now: later })).status).toBe('authorisation-required');
    });

    it('keeps at most 5 unapproved approvals per user: the oldest expire, an approved one and the newest stay usable', async () => {
      const request = toPayee({ amountMinor: 1_200_00 });
      const { id: approvedId } = await approved(request);
      const ids: string[] = [];
      for (let i = 0; i < 12; i += 1) {
        const outcome = await createTransfer(db, toPayee({ amountMinor: 1_000_00 + i }));
        if (outcome.status !== 'authorisation-required') throw new Error('expected authorisation-required');
        // Sessions vary too: the cap is per user, not per session.
        ids.push((await requestTransferAuthorisation(db, outcome.payment, `session-${i % 3}`, DEFAULT_SCA_POLICY, new Date(Date.now() + i))).id);
      }
      const waiting = await db.transferAuthorisation.findMany({ where: { userId: alice.user.id, authorisedAt: null }, select: { id: true } });
      expect(waiting.map((row) => row.id).sort()).toEqual(ids.slice(-5).sort());
      // Bob's are his own budget.
      const bobs = await createTransfer(db, toPayee({ userId: bob.user.id, fromAccountId: bob.checking.id, destination: { kind: 'payee', payeeId: bob.payee.id }, amountMinor: 1_000_00 }));
      if (bobs.status !== 'authorisation-required') throw new Error('expected authorisation-required');
      await requestTransferAuthorisation(db, bobs.payment, 'session-bob', DEFAULT_SCA_POLICY);
      expect(await db.transferAuthorisation.count({ where: { userId: alice.user.id, authorisedAt: null } })).toBe(5);
      // The approval given before is untouched and still pays exactly its payment.
      expect((await createTransfer(db, { ...request, actor: fromB })).status).toBe('created');
      expect(await db.transferAuthorisation.findUniqueOrThrow({ where: { id: approvedId } })).toMatchObject({ usedAt: expect.any(Date) });
      expect(MAX_PENDING_AUTHORISATIONS_PER_USER).toBe(5);
    });

    it('is approved only once, only by its own user and session', async () => {
      const request = toPayee({ amountMinor: 50_00 });
      const outcome = await createTransfer(db, request);
      if (outcome.status !== 'authorisation-required') throw new Error('expected authorisation-required');
      const { id } = await requestTransferAuthorisation(db, outcome.payment, request.actor.sessionId, DEFAULT_SCA_POLICY);
      const approve = (userId: string, fromSessionId: string) =>
        authoriseTransfer(db, { id, userId, fromSessionId, toSessionId: 'x', method: 'password+totp' }, DEFAULT_SCA_POLICY);
      expect(await approve(bob.user.id, request.actor.sessionId)).toEqual({ status: 'not-found' });
      expect(await approve(alice.user.id, 'someone-elses-session')).toEqual({ status: 'not-found' });
      expect((await approve(alice.user.id, request.actor.sessionId)).status).toBe('authorised');
      expect(await approve(alice.user.id, 'x')).toEqual({ status: 'not-found' });
    });

    it('two submits racing for one approval make one transfer', async () => {
      const request = toPayee({ amountMinor: 1_200_00 });
      await approved(request);
      const outcomes = await Promise.all(Array.from({ length: 4 }, () => createTransfer(db, { ...request, actor: fromB })));
      expect(outcomes.filter((o) => o.status === 'created')).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === 'duplicate')).toHaveLength(3);
      expect(await balance(alice.checking.id)).toBe(10_000_00 - 1_200_00);
    });
  });
});

describe('the audit trail of money', () => {
  it('a sent transfer and its audit event are written together, by the money code itself', async () => {
    const outcome = await createTransfer(db, toPayee());
    const [event] = await auditEvents('transfer.created');
    expect(event).toMatchObject({ userId: alice.user.id, sessionId: 'session-alice', ipAddress: '192.0.2.1' });
    expect(JSON.parse(event!.detail!)).toEqual({
      transferId: outcome.status === 'created' ? outcome.transfer.id : null,
      amountMinor: 25_00,
      currency: 'EUR',
      to: 'payee',
      sca: 'low-value',
    });
  });

  it('a transfer that fails inside its transaction leaves no audit event claiming it was sent', async () => {
    // Two racing €60 payments from €100 — the loser's debit fails after its audit insert was queued.
    const outcomes = await Promise.all(
      [1, 2].map(() => createTransfer(db, toPayee({ amountMinor: 60_00, destination: { kind: 'account', accountId: alice.savings.id } }))),
    );
    expect(statuses(outcomes).sort()).toEqual(['created', 'rejected']);
    expect(await auditEvents('transfer.created')).toHaveLength(1);
  });

  it('every refusal is an event, including ids that are not found (someone else’s account)', async () => {
    await createTransfer(db, toPayee({ fromAccountId: bob.checking.id }));
    await createTransfer(db, toPayee({ destination: { kind: 'payee', payeeId: 'no-such-payee' } }));
    await createTransfer(db, toPayee({ amountMinor: 100_01, destination: { kind: 'account', accountId: alice.savings.id } }));
    const events = await auditEvents('transfer.rejected');
    expect(events.map((e) => JSON.parse(e.detail!))).toEqual([
      expect.objectContaining({ reason: 'source-not-found', fromAccountId: bob.checking.id }),
      expect.objectContaining({ reason: 'destination-not-found', destinationId: 'no-such-payee', to: 'payee' }),
      expect.objectContaining({ reason: 'insufficient-funds', amountMinor: 100_01 }),
    ]);
    expect(events.every((e) => e.userId === alice.user.id && e.sessionId === 'session-alice')).toBe(true);
  });
});
