// Day-to-day spending: groceries, eating out, rides, shopping. Each habit has a
// daily chance (higher at weekends for some) and an amount range in cents.
// All merchants are fictional.
import type { AccountKind, Posting } from './ledger.ts';
import type { Random } from './prng.ts';

type Habit = {
  category: string;
  merchants: readonly string[];
  chance: { weekday: number; weekend: number };
  amountMinor: readonly [min: number, max: number];
  cardShare: number; // the rest is paid from checking (debit card)
  hours: readonly [from: number, to: number];
};

const HABITS: readonly Habit[] = [
  {
    category: 'Groceries',
    merchants: ['Greenleaf Market', 'FreshCorner', 'Harbor Grocers', 'Biomarkt Lindenhof'],
    chance: { weekday: 0.35, weekend: 0.5 },
    amountMinor: [6_80, 112_00],
    cardShare: 0.3,
    hours: [8, 21],
  },
  {
    category: 'Restaurants',
    merchants: ['Trattoria Sole', 'Pho Saigon Kitchen', 'The Copper Kettle', 'Burger Yard', 'Sakura Sushi Bar'],
    chance: { weekday: 0.1, weekend: 0.35 },
    amountMinor: [14_00, 86_00],
    cardShare: 0.85,
    hours: [12, 23],
  },
  {
    category: 'Restaurants',
    merchants: ['Bean & Leaf Coffee', 'Kaffeebar Morgen'],
    chance: { weekday: 0.3, weekend: 0.15 },
    amountMinor: [2_80, 7_40],
    cardShare: 1,
    hours: [7, 11],
  },
  {
    category: 'Transport',
    merchants: ['RideNow', 'Taxi Zentrale', 'CityBike Share'],
    chance: { weekday: 0.05, weekend: 0.12 },
    amountMinor: [3_50, 34_00],
    cardShare: 1,
    hours: [6, 24],
  },
  {
    category: 'Shopping',
    merchants: ['Northwind Outfitters', 'Pagewise Books', 'Voltmarkt Electronics', 'Casa Home Store'],
    chance: { weekday: 0.04, weekend: 0.12 },
    amountMinor: [9_90, 189_00],
    cardShare: 0.8,
    hours: [10, 20],
  },
  {
    category: 'Health',
    merchants: ['Linden Pharmacy'],
    chance: { weekday: 0.03, weekend: 0.01 },
    amountMinor: [4_50, 38_00],
    cardShare: 0,
    hours: [9, 19],
  },
  {
    category: 'Cash',
    merchants: ['ATM Alexanderplatz', 'ATM Hauptbahnhof'],
    chance: { weekday: 0.03, weekend: 0.05 },
    amountMinor: [50_00, 200_00],
    cardShare: 0,
    hours: [8, 22],
  },
];

export type PlannedSpend = { posting: Posting; fromHour: number; toHour: number };

/** What one person spends on one (UTC) day. */
export function discretionarySpending(random: Random, day: Date, scale: number): PlannedSpend[] {
  const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
  const spends: PlannedSpend[] = [];
  for (const habit of HABITS) {
    if (!random.chance(weekend ? habit.chance.weekend : habit.chance.weekday)) continue;
    const merchant = random.pick(habit.merchants);
    const account: AccountKind = random.chance(habit.cardShare) ? 'card' : 'checking';
    const amount =
      habit.category === 'Cash'
        ? random.int(habit.amountMinor[0] / 10_00, habit.amountMinor[1] / 10_00) * 10_00 // ATMs pay out in tens
        : Math.round(skewedBetween(random, habit.amountMinor) * scale);
    spends.push({
      posting: {
        account,
        amountMinor: -amount,
        description: habit.category === 'Cash' ? 'Cash withdrawal' : `${account === 'card' ? 'Visa' : 'Debit card'} · ${merchant}`,
        counterparty: merchant,
        category: habit.category,
      },
      fromHour: habit.hours[0],
      toHour: habit.hours[1],
    });
  }
  return spends;
}

/** Most purchases are small and a few are large: skew a uniform draw towards the minimum. */
function skewedBetween(random: Random, [min, max]: readonly [number, number]): number {
  return min + (max - min) * random.next() ** 1.7;
}
