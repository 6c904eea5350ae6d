// The payee form: untrusted input in, a bounded name and a checked IBAN out.
import { describe, expect, it } from 'vitest';
import { parsePayeeForm } from './payees';

describe('parsePayeeForm', () => {
  it('accepts an IBAN as people type it, and checks its check digits', () => {
    expect(parsePayeeForm({ name: '  Weber   Hausverwaltung ', iban: 'de89 3704 0044 0532 0130 00' })).toEqual({
      ok: true,
      name: 'Weber Hausverwaltung',
      iban: 'DE89370400440532013000',
    });
    expect(parsePayeeForm({ name: 'Weber', iban: 'DE89 3704 0044 0532 0130 01' })).toEqual({
      ok: false,
      errors: { iban: 'This is not a valid IBAN. Check it for typos.' },
    });
    expect(parsePayeeForm({ name: '', iban: '' })).toEqual({ ok: false, errors: { name: 'Enter the payee’s name.', iban: 'Enter the payee’s IBAN.' } });
    expect(parsePayeeForm({ name: 'x'.repeat(71), iban: 'DE89370400440532013000' })).toMatchObject({ ok: false, errors: { name: expect.stringContaining('70') } });
  });
});
