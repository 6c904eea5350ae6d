// The options the browser gets carry exactly the challenge the server stored
// (the library would otherwise re-encode a string challenge), and ask for what
// ADR 022 promises: a resident key, user verification, attestation "none".
import { describe, expect, it } from 'vitest';
// demo-bank:begin
import { transferChallenge } from '../../banking/transfer-authorisation';
// demo-bank:end
import { authenticationOptions, registrationOptions } from './ceremonies';
import { newRandomChallenge } from './challenges';
import { APP_NAME } from '../../config/app-name';

const rp = { id: 'localhost', origin: 'http://localhost:3000', name: APP_NAME };

describe('ceremony options', () => {
  it('registration: the stored challenge, a discoverable key, user verification required, no attestation', async () => {
    const challenge = newRandomChallenge();
    const options = await registrationOptions(rp, { id: 'user-1', email: 'a@example.com', name: 'A' }, [{ id: 'AAAA', transports: 'internal' }], challenge);
    expect(options.challenge).toBe(challenge);
    expect(options.rp).toEqual({ id: 'localhost', name: APP_NAME });
    expect(options.attestation).toBe('none');
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
    expect(options.excludeCredentials).toEqual([{ id: 'AAAA', type: 'public-key', transports: ['internal'] }]);
    // The user handle is the opaque id, not the email.
    expect(Buffer.from(options.user.id, 'base64url').toString()).toBe('user-1');
  });

  it('authentication: the stored (or transfer-derived) challenge, user verification required', async () => {
    const challenges = [newRandomChallenge()];
    // demo-bank:begin
    challenges.push(transferChallenge({ id: 'a1', idempotencyKey: 'k', fromAccountId: 'f', toAccountId: null, payeeId: 'p', amountMinor: 100, currency: 'EUR' }));
    // demo-bank:end
    for (const challenge of challenges) {
      const options = await authenticationOptions(rp, [], challenge);
      expect(options.challenge).toBe(challenge);
      expect(options.userVerification).toBe('required');
      expect(options.rpId).toBe('localhost');
    }
  });
});
