import { describe, expect, it } from 'vitest';
import { signedOutReason } from './signed-out-reason';

describe('signedOutReason', () => {
  it('explains expiries, including ones an earlier request already recorded', () => {
    expect(signedOutReason({ kind: 'expire', reason: 'idle' })).toBe('idle');
    expect(signedOutReason({ kind: 'expire', reason: 'absolute' })).toBe('expired');
    expect(signedOutReason({ kind: 'revoked', reason: 'idle' })).toBe('idle');
    expect(signedOutReason({ kind: 'revoked', reason: 'absolute' })).toBe('expired');
    expect(signedOutReason({ kind: 'revoked', reason: 'logout' })).toBe('revoked');
    expect(signedOutReason({ kind: 'theft' })).toBe('revoked');
    expect(signedOutReason({ kind: 'unknown' })).toBe('none');
  });
});
