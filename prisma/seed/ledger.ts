// Generates about six months of plausible banking history for one demo user,
// as plain data (no database): plan the events, sort them by time, then book
// them one by one so running balances are exact and the guards (no overdraft,
// card limit) see the balance at that moment.
import type { SpendingProfile } from './demo-users.ts';
import { ACCOUNT_NAMES } from './demo-users.ts';
import { discretionarySpending } from './spending.ts';
import { createRandom, type Random } from './prng.ts';

export type AccountKind = 'checking' | 'savings' | 'card';
export const ACCOUNT_KINDS: readonly AccountKind[] = ['checking', 'savings', 'card'];

export const HISTORY_DAYS = 183;

export type Posting = {
  account: AccountKind;
  amountMinor: number; // negative = money out
  description: string;
  counterparty: string | null;
  category: string;
};

export type LedgerTransaction = Posting & { balanceAfterMinor: number; bookedAt: Date; transferKey: string | null };

export type LedgerTransfer = {
  key: string; // becomes Transfer.idempotencyKey
  from: AccountKind;
  toAccount: AccountKind | null;
  payee: string | null;
  amountMinor: number;
  memo: string;
  at: Date;
};

export type Ledger = {
  startsAt: Date;
  transactions: LedgerTransaction[]; // chronological, all accounts
  transfers: LedgerTransfer[];
  balances: Record<AccountKind, number>;
};

type PlannedEvent =
  | { type: 'external'; at: Date; posting: Posting }
  | { type: 'interest'; at: Date }
  | { type: 'own-transfer'; at: Date; key: string; from: AccountKind; to: AccountKind; amountMinor: number | 'card-statement'; memo: string }
  | { type: 'payee-transfer'; at: Date; key: string; payee: string; amountMinor: number; memo: string; category: string };

const DAY_MS = 86_400_000;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const utc = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0) =>
  new Date(Date.UTC(year, month, day, hour, minute, second));
const daysInMonth = (year: number, month: number) => utc(year, month + 1, 0).getUTCDate();

/** A random moment within [fromHour, toHour) of the given day. */
function timeOfDay(random: Random, day: Date, fromHour: number, toHour: number): Date {
  return new Date(day.getTime() + random.int(fromHour * 3600, toHour * 3600 - 1) * 1000);
}

function planMonthly(profile: SpendingProfile, random: Random, startsAt: Date, now: Date): PlannedEvent[] {
  const events: PlannedEvent[] = [];
  const first = utc(startsAt.getUTCFullYear(), startsAt.getUTCMonth(), 1);
  for (let cursor = first; cursor <= now; cursor = utc(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, 1)) {
    const [year, month] = [cursor.getUTCFullYear(), cursor.getUTCMonth()];
    const on = (day: number, hour: number) =>
      timeOfDay(random, utc(year, month, Math.min(day, daysInMonth(year, month))), hour, hour + 1);
    const label = `${MONTHS[month]} ${year}`;
    const period = `${year}-${String(month + 1).padStart(2, '0')}`;

    const { salary, rent, savingsTransfer } = profile;
    events.push({
      type: 'external',
      at: on(salary.day, 8),
      posting: { account: 'checking', amountMinor: salary.amountMinor, description: `Salary ${label}`, counterparty: salary.employer, category: 'Income' },
    });
    events.push({ type: 'payee-transfer', at: on(rent.day, 6), key: `seed-${period}-rent`, payee: rent.landlord, amountMinor: rent.amountMinor, memo: `Rent ${label}`, category: 'Housing' });
    events.push({ type: 'own-transfer', at: on(savingsTransfer.day, 7), key: `seed-${period}-savings`, from: 'checking', to: 'savings', amountMinor: savingsTransfer.amountMinor, memo: `Savings ${label}` });
    events.push({ type: 'own-transfer', at: on(profile.cardStatementDay, 6), key: `seed-${period}-card`, from: 'checking', to: 'card', amountMinor: 'card-statement', memo: `Card statement ${label}` });
    events.push({ type: 'interest', at: on(daysInMonth(year, month), 22) });

    for (const bill of profile.bills) {
      const amount = typeof bill.amountMinor === 'number' ? bill.amountMinor : random.int(...bill.amountMinor);
      events.push({
        type: 'external',
        at: on(bill.day, 5),
        posting: { account: bill.account, amountMinor: -amount, description: bill.description, counterparty: bill.counterparty, category: bill.category },
      });
    }

    // Friends and family: now and then, on a random day.
    for (const payee of profile.payees) {
      if (!payee.occasional || !random.chance(0.35)) continue;
      events.push({
        type: 'payee-transfer',
        at: on(random.int(1, 28), random.int(9, 20)),
        key: `seed-${period}-${payee.name.toLowerCase().replace(/[^a-z]+/g, '-')}`,
        payee: payee.name,
        amountMinor: random.int(...payee.occasional.amountMinor),
        memo: payee.occasional.memo,
        category: 'Transfers',
      });
    }
  }
  return events;
}

function planDaily(profile: SpendingProfile, random: Random, startsAt: Date, now: Date): PlannedEvent[] {
  const events: PlannedEvent[] = [];
  for (let day = startsAt; day <= now; day = new Date(day.getTime() + DAY_MS)) {
    for (const posting of discretionarySpending(random, day, profile.spendingScale)) {
      events.push({ type: 'external', at: timeOfDay(random, day, posting.fromHour, posting.toHour), posting: posting.posting });
    }
  }
  return events;
}

export function buildLedger(profile: SpendingProfile, now: Date): Ledger {
  const random = createRandom(profile.seed);
  const today = utc(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const startsAt = new Date(today.getTime() - HISTORY_DAYS * DAY_MS);

  const opening: PlannedEvent[] = ACCOUNT_KINDS.map((account) => ({
    type: 'external',
    at: startsAt,
    posting: { account, amountMinor: profile.openingMinor[account], description: 'Opening balance', counterparty: null, category: 'Opening balance' },
  }));
  const planned = [...planMonthly(profile, random, startsAt, now), ...planDaily(profile, random, startsAt, now)]
    .filter((event) => event.at > startsAt && event.at <= now)
    .sort((a, b) => a.at.getTime() - b.at.getTime()); // stable: equal times keep their planned order

  return book(profile, startsAt, now, [...opening, ...planned]);
}

function book(profile: SpendingProfile, startsAt: Date, now: Date, events: PlannedEvent[]): Ledger {
  const balances: Record<AccountKind, number> = { checking: 0, savings: 0, card: 0 };
  const transactions: LedgerTransaction[] = [];
  const transfers: LedgerTransfer[] = [];
  let lastTime = -Infinity;

  // Checking and savings never go negative; the card stops at its limit.
  const canDebit = (account: AccountKind, amount: number) =>
    balances[account] - amount >= (account === 'card' ? -profile.cardLimitMinor : 0);

  const post = (posting: Posting, bookedAt: Date, transferKey: string | null = null) => {
    balances[posting.account] += posting.amountMinor;
    transactions.push({ ...posting, balanceAfterMinor: balances[posting.account], bookedAt, transferKey });
  };

  for (const event of events) {
    // Strictly increasing times, so ordering by bookedAt always matches balanceAfterMinor.
    const at = new Date(Math.max(event.at.getTime(), lastTime + 1000));
    if (at > now) break;

    switch (event.type) {
      case 'external': {
        const { posting } = event;
        if (posting.amountMinor < 0 && posting.category !== 'Opening balance' && !canDebit(posting.account, -posting.amountMinor)) continue;
        post(posting, at);
        break;
      }
      case 'interest': {
        const amount = Math.round((balances.savings * profile.savingsInterestRate) / 12);
        if (amount <= 0) continue;
        post({ account: 'savings', amountMinor: amount, description: 'Interest', counterparty: 'Strongroom Bank', category: 'Interest' }, at);
        break;
      }
      case 'own-transfer': {
        const amount =
          event.amountMinor === 'card-statement' ? Math.min(-balances.card, balances.checking) : event.amountMinor;
        if (amount <= 0 || !canDebit(event.from, amount)) continue;
        const category = event.to === 'card' ? 'Card payment' : 'Transfers';
        post({ account: event.from, amountMinor: -amount, description: `Transfer to ${ACCOUNT_NAMES[event.to]}`, counterparty: ACCOUNT_NAMES[event.to], category }, at, event.key);
        post({ account: event.to, amountMinor: amount, description: event.to === 'card' ? 'Payment received, thank you' : `Transfer from ${ACCOUNT_NAMES[event.from]}`, counterparty: ACCOUNT_NAMES[event.from], category }, at, event.key);
        transfers.push({ key: event.key, from: event.from, toAccount: event.to, payee: null, amountMinor: amount, memo: event.memo, at });
        break;
      }
      case 'payee-transfer': {
        if (!canDebit('checking', event.amountMinor)) continue;
        post({ account: 'checking', amountMinor: -event.amountMinor, description: event.memo, counterparty: event.payee, category: event.category }, at, event.key);
        transfers.push({ key: event.key, from: 'checking', toAccount: null, payee: event.payee, amountMinor: event.amountMinor, memo: event.memo, at });
        break;
      }
    }
    lastTime = at.getTime();
  }
  return { startsAt, transactions, transfers, balances };
}
