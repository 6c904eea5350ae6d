// Fake but well-formed IBANs (ISO 13616 check digits), so a payee form that
// validates IBANs accepts the seeded ones. The bank codes are made up.
import type { Random } from './prng.ts';
import { mod97 } from '../../lib/iban.ts';

export { isValidIban } from '../../lib/iban.ts';

export function makeIban(country: string, bban: string): string {
  const check = 98 - mod97(`${bban}${country}00`);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}

const digits = (random: Random, count: number) => Array.from({ length: count }, () => random.int(0, 9)).join('');

// Strongroom's own (fictional) German bank code.
const STRONGROOM_BANK_CODE = '99900000';

/**
 * An IBAN for one of our own accounts. The account number starts with the user's
 * and the account's ordinal, so seeded IBANs are unique without a lookup.
 */
export function ownAccountIban(random: Random, userOrdinal: number, accountOrdinal: number): string {
  const accountNumber = `${String(userOrdinal).padStart(2, '0')}${accountOrdinal}${digits(random, 7)}`;
  return makeIban('DE', `${STRONGROOM_BANK_CODE}${accountNumber}`);
}

/** An IBAN at some other bank, in one of a few SEPA countries. */
export function externalIban(random: Random): string {
  const letters = (count: number) =>
    Array.from({ length: count }, () => String.fromCharCode(65 + random.int(0, 25))).join('');
  switch (random.pick(['DE', 'NL', 'AT'] as const)) {
    case 'DE':
      return makeIban('DE', `${random.int(1, 8)}${digits(random, 7)}${digits(random, 10)}`);
    case 'NL':
      return makeIban('NL', `${letters(4)}${digits(random, 10)}`);
    case 'AT':
      return makeIban('AT', `${random.int(1, 9)}${digits(random, 4)}${digits(random, 11)}`);
  }
}
