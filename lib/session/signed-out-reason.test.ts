import { describe, expect, it } from 'vitest';
import { signedOutReason } from './signed-out-reason';

describe('signedOutReason', () => {
  it('explains expiries, including ones an earlier request already recorded', () => {
    expect(signedOutReason({ status: 'expired-idle', userId: 'u' })).toBe('idle');
    expect(signedOutReason({ status: 'expired-absolute', userId: 'u' })).toBe('expired');
    expect(signedOutReason({ status: 'revoked', userId: 'u', reason: 'idle' })).toBe('idle');
    expect(signedOutReason({ status: 'revoked', userId: 'u', reason: 'absolute' })).toBe('expired');
    expect(signedOutReason({ status: 'revoked', userId: 'u', reason: 'logout' })).toBe('revoked');
    expect(signedOutReason({ status: 'reuse-detected', userId: 'u' })).toBe('revoked');
    expect(signedOutReason({ status: 'invalid' })).toBe('none');
  });
});
