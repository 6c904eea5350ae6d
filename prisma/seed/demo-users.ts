// Who the demo users are and how they spend their money. Everything printed in
// the README (password, Bob's TOTP secret and recovery codes) is defined here.
import type { AccountKind } from './ledger.ts';

export const DEMO_PASSWORD = 'correct-horse-battery-staple';

// Base32, 32 characters = 160 bits (the RFC 4226 recommendation).
export const BOB_TOTP_SECRET = 'SWTWTXBRSUVVYRCHL7I5QG6ESA4TLDCG';

// Fixed so the README can list them; the format of lib/auth/mfa/recovery-codes.ts.
export const BOB_RECOVERY_CODES = [
  'fhqr-ecm8-p3',
  '72qn-ak1a-6j',
  '7rh5-5khf-jv',
  'bvfg-7gz6-kz',
  'hpxa-mf8m-z3',
  'ak7d-hd3r-ht',
  'pza8-w9pa-vw',
  '88w1-snes-va',
  '516n-mzq7-8g',
  'mdhy-k3gd-ew',
] as const;

export const ACCOUNT_NAMES: Record<AccountKind, string> = {
  checking: 'Everyday Checking',
  savings: 'Rainy Day Savings',
  card: 'Visa Card',
};

/** A bill that arrives every month: fixed amount, or a range (e.g. electricity). */
export type MonthlyBill = {
  counterparty: string;
  description: string;
  category: 'Utilities' | 'Subscriptions' | 'Transport' | 'Health';
  account: AccountKind;
  day: number;
  amountMinor: number | readonly [min: number, max: number];
};

export type SpendingProfile = {
  seed: number;
  /** 1, 2, …: makes account IBANs unique across users. */
  ordinal: number;
  email: string;
  name: string;
  mfa: { totpSecret: string; recoveryCodes: readonly string[] } | null;
  openingMinor: Record<AccountKind, number>;
  salary: { employer: string; amountMinor: number; day: number };
  rent: { landlord: string; amountMinor: number; day: number };
  savingsTransfer: { amountMinor: number; day: number };
  cardStatementDay: number;
  cardLimitMinor: number;
  savingsInterestRate: number; // yearly, credited monthly
  bills: readonly MonthlyBill[];
  /** Multiplies every discretionary amount: Bob eats out more and pricier. */
  spendingScale: number;
  /** Payees besides the landlord; `occasional` ones get a transfer now and then. */
  payees: readonly { name: string; occasional?: { memo: string; amountMinor: readonly [number, number] } }[];
};

// Amounts are in cents, written euros_cents: 3_480_00 is EUR 3,480.00.
export const DEMO_USERS: readonly SpendingProfile[] = [
  {
    seed: 0xa11ce,
    ordinal: 1,
    email: 'alice@example.com',
    name: 'Alice Andersen',
    mfa: null,
    openingMinor: { checking: 2_140_37, savings: 8_450_00, card: -312_48 },
    salary: { employer: 'Nordwind Logistics GmbH', amountMinor: 3_480_00, day: 25 },
    rent: { landlord: 'Weber Hausverwaltung GmbH', amountMinor: 1_150_00, day: 1 },
    savingsTransfer: { amountMinor: 600_00, day: 26 },
    cardStatementDay: 5,
    cardLimitMinor: 2_500_00,
    savingsInterestRate: 0.0225,
    bills: [
      { counterparty: 'Stadtwerke Energie', description: 'Electricity and gas', category: 'Utilities', account: 'checking', day: 3, amountMinor: [64_00, 96_00] },
      { counterparty: 'Fibernet', description: 'Home internet 250 Mbit/s', category: 'Utilities', account: 'checking', day: 8, amountMinor: 39_99 },
      { counterparty: 'Kestrel Mobile', description: 'Mobile plan', category: 'Utilities', account: 'checking', day: 12, amountMinor: 17_99 },
      { counterparty: 'City Transit', description: 'Monthly transit pass', category: 'Transport', account: 'checking', day: 1, amountMinor: 58_00 },
      { counterparty: 'Pulse Fitness', description: 'Gym membership', category: 'Health', account: 'checking', day: 2, amountMinor: 29_90 },
      { counterparty: 'Streamly', description: 'Streamly Standard', category: 'Subscriptions', account: 'card', day: 14, amountMinor: 12_99 },
      { counterparty: 'Tunebox', description: 'Tunebox Individual', category: 'Subscriptions', account: 'card', day: 19, amountMinor: 10_99 },
    ],
    spendingScale: 1,
    payees: [
      { name: 'Jonas Andersen', occasional: { memo: 'Birthday present', amountMinor: [40_00, 80_00] } },
      { name: 'Tennis Club Mitte e.V.' },
      { name: 'Dr. Miriam Okafor' },
    ],
  },
  {
    seed: 0xb0b,
    ordinal: 2,
    email: 'bob@example.com',
    name: 'Bob Brennan',
    mfa: { totpSecret: BOB_TOTP_SECRET, recoveryCodes: BOB_RECOVERY_CODES },
    openingMinor: { checking: 3_605_12, savings: 14_200_00, card: -648_90 },
    salary: { employer: 'Helix Software AG', amountMinor: 4_215_00, day: 27 },
    rent: { landlord: 'Nordlicht Wohnen GmbH', amountMinor: 1_420_00, day: 1 },
    savingsTransfer: { amountMinor: 1_000_00, day: 28 },
    cardStatementDay: 7,
    cardLimitMinor: 4_000_00,
    savingsInterestRate: 0.0225,
    bills: [
      { counterparty: 'Greenvolt', description: 'Green electricity', category: 'Utilities', account: 'checking', day: 4, amountMinor: [48_00, 71_00] },
      { counterparty: 'Fibernet', description: 'Home internet 1 Gbit/s', category: 'Utilities', account: 'checking', day: 8, amountMinor: 54_99 },
      { counterparty: 'Kestrel Mobile', description: 'Mobile plan unlimited', category: 'Utilities', account: 'checking', day: 15, amountMinor: 29_99 },
      { counterparty: 'Streamly', description: 'Streamly Premium', category: 'Subscriptions', account: 'card', day: 3, amountMinor: 17_99 },
      { counterparty: 'Cloudbox', description: 'Cloudbox 2 TB storage', category: 'Subscriptions', account: 'card', day: 10, amountMinor: 9_99 },
      { counterparty: 'The Daily Ledger', description: 'Digital subscription', category: 'Subscriptions', account: 'card', day: 21, amountMinor: 9_99 },
    ],
    spendingScale: 1.35,
    payees: [
      { name: 'Clara Brennan', occasional: { memo: 'Share of holiday flat', amountMinor: [120_00, 260_00] } },
      { name: 'Hansen Plumbing' },
      { name: 'Football Club Altona' },
    ],
  },
];
