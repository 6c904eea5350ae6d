// The passkey challenge for a transfer is derived from its bound details: any
// other amount, currency, source, payee or idempotency key does not match it.
import { describe, expect, it } from 'vitest';
import { matchesTransferChallenge, transferChallenge } from './transfer-authorisation';

const payment = { id: 'auth1', idempotencyKey: 'key-1', fromAccountId: 'acc-1', toAccountId: null, payeeId: 'payee-p', amountMinor: 25_000, currency: 'EUR' };

describe('transferChallenge', () => {
  it('matches the payment it was made for, and no other', () => {
    const challenge = transferChallenge(payment);
    expect(matchesTransferChallenge(challenge, payment)).toBe(true);
    for (const change of [
      { payeeId: 'payee-q' },
      { amountMinor: 25_001 },
      { currency: 'USD' },
      { fromAccountId: 'acc-2' },
      { idempotencyKey: 'key-2' },
      { id: 'auth2' },
      { payeeId: null, toAccountId: 'payee-p' },
    ]) {
      expect(matchesTransferChallenge(challenge, { ...payment, ...change }), JSON.stringify(change)).toBe(false);
    }
  });

  it('carries a fresh server nonce each time', () => {
    expect(transferChallenge(payment)).not.toBe(transferChallenge(payment));
  });

  it('refuses challenges of the wrong shape', () => {
    expect(matchesTransferChallenge('', payment)).toBe(false);
    expect(matchesTransferChallenge('AAAA', payment)).toBe(false);
    expect(matchesTransferChallenge(transferChallenge(payment).slice(0, -2), payment)).toBe(false);
  });
});
