import { describe, expect, it } from 'vitest';
import {
  needsStepUp,
  parseDestination,
  parseTransferForm,
  prefillFromQuery,
  readTransferFormValues,
  transferFormPath,
  type TransferFormValues,
} from './transfer-form';

const key = '6f1c2a8e-0d1b-4b8e-9a53-2f7c1d9e4b10';
const values: TransferFormValues = { fromAccountId: 'acc1', to: 'payee:p1', amount: '25.00', memo: '  Dinner \n at Sole ', idempotencyKey: key };

describe('parseTransferForm', () => {
  it('turns a filled-in form into a request', () => {
    expect(parseTransferForm(values)).toEqual({
      ok: true,
      fromAccountId: 'acc1',
      destination: { kind: 'payee', payeeId: 'p1' },
      amountMinor: 2500,
      memo: 'Dinner at Sole',
      idempotencyKey: key,
    });
    expect(parseTransferForm({ ...values, to: 'account:acc2', memo: '' })).toMatchObject({
      ok: true,
      destination: { kind: 'account', accountId: 'acc2' },
      memo: null,
    });
  });

  it('says what is wrong with each field', () => {
    const result = parseTransferForm({ fromAccountId: '', to: 'bank:x', amount: '12,50', memo: 'x'.repeat(141), idempotencyKey: 'short' });
    expect(result).toEqual({
      ok: false,
      errors: {
        fromAccountId: 'Choose an account to send from.',
        to: 'Choose who to send the money to.',
        amount: 'Use a point to separate the cents, for example 12.34.',
        memo: 'Keep the reference to 140 characters or fewer.',
        form: 'This form has expired. Reload the page and try again.',
      },
    });
  });

  it('refuses sending to the same account', () => {
    expect(parseTransferForm({ ...values, to: 'account:acc1' })).toEqual({ ok: false, errors: { to: 'Choose a different account to send to.' } });
  });
});

describe('reading untrusted input', () => {
  it('bounds every field and ignores files', () => {
    const form = new FormData();
    form.set('fromAccountId', 'x'.repeat(500));
    form.set('amount', new Blob(['1']), 'a.txt');
    form.set('memo', 'hi');
    expect(readTransferFormValues(form)).toEqual({ fromAccountId: '', to: '', amount: '', memo: 'hi', idempotencyKey: '' });
  });

  it('parses destinations strictly', () => {
    expect(parseDestination('account:abc')).toEqual({ kind: 'account', accountId: 'abc' });
    expect(parseDestination('payee:abc:def')).toBeNull();
    expect(parseDestination('payee:')).toBeNull();
    expect(parseDestination('payee:a b')).toBeNull();
  });
});

describe('step-up', () => {
  it('applies strictly above the threshold', () => {
    expect(needsStepUp(100_000, 100_000)).toBe(false);
    expect(needsStepUp(100_001, 100_000)).toBe(true);
    expect(needsStepUp(1, 0)).toBe(true);
  });

  it('round-trips the form through the re-authentication URL', () => {
    const path = transferFormPath(values);
    expect(path.startsWith('/transfers/new?')).toBe(true);
    const query = Object.fromEntries(new URL(path, 'http://x').searchParams);
    expect(query.confirm).toBe('1');
    expect(prefillFromQuery(query)).toEqual({ fromAccountId: 'acc1', to: 'payee:p1', amount: '25.00', memo: 'Dinner at Sole', idempotencyKey: key });
  });

  it('drops prefill values that are not well-formed', () => {
    expect(prefillFromQuery({ from: '../x', to: 'evil:1', key: 'nope', amount: ['1', '2'] })).toEqual({});
  });
});
