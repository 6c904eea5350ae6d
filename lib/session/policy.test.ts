import { describe, expect, it } from 'vitest';
import { findExpiry, isFreshlyAuthenticated, isRotationDue, type SessionPolicy } from './policy';

const policy = { idleTimeoutMs: 900_000, absoluteTimeoutMs: 43_200_000, rotationIntervalMs: 300_000, freshAuthWindowMs: 300_000 } as SessionPolicy;
const t0 = new Date('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('session policy', () => {
  it('expires on idle and on the absolute limit, absolute first', () => {
    expect(findExpiry({ createdAt: t0, lastSeenAt: t0 }, at(899_999), policy)).toBeNull();
    expect(findExpiry({ createdAt: t0, lastSeenAt: t0 }, at(900_000), policy)).toBe('idle');
    expect(findExpiry({ createdAt: t0, lastSeenAt: at(43_000_000) }, at(43_200_000), policy)).toBe('absolute');
  });
  it('knows when rotation is due and when authentication is fresh', () => {
    expect(isRotationDue(t0, at(299_999), policy)).toBe(false);
    expect(isRotationDue(t0, at(300_000), policy)).toBe(true);
    expect(isFreshlyAuthenticated(t0, at(299_999), policy)).toBe(true);
    expect(isFreshlyAuthenticated(t0, at(300_000), policy)).toBe(false);
  });
});
