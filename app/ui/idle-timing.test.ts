import { describe, expect, it } from 'vitest';
import { announcement, clockSkewMs, idlePhase, warningLeadMs } from './idle-timing';

describe('idle warning timing', () => {
  it('warns a minute ahead, or at half-time for idle timeouts under two minutes', () => {
    expect(warningLeadMs(15 * 60_000)).toBe(60_000);
    expect(warningLeadMs(120_000)).toBe(60_000);
    expect(warningLeadMs(20_000)).toBe(10_000);
  });

  it('knows which phase the session is in', () => {
    expect(idlePhase(0, 100_000, 60_000)).toEqual({ phase: 'quiet', warnInMs: 40_000 });
    expect(idlePhase(40_000, 100_000, 60_000)).toEqual({ phase: 'warning', remainingMs: 60_000 });
    expect(idlePhase(100_000, 100_000, 60_000)).toEqual({ phase: 'expired' });
  });

  it('announces only at a few points', () => {
    expect(announcement(60, 60)).toMatch(/in 60 seconds/);
    expect(announcement(59.5, 60)).toMatch(/in 60 seconds/);
    expect(announcement(45, 60)).toBeNull();
    expect(announcement(30, 60)).toMatch(/in 30 seconds/);
    expect(announcement(10, 10)).toMatch(/in 10 seconds/);
  });

  it('estimates clock skew from the Date header', () => {
    const received = Date.parse('2026-03-01T10:00:00Z');
    expect(clockSkewMs('Sun, 01 Mar 2026 10:00:01 GMT', received)).toBe(0);
    expect(clockSkewMs('Sun, 01 Mar 2026 10:00:30 GMT', received)).toBe(30_000);
    expect(clockSkewMs(null, received)).toBe(0);
    expect(clockSkewMs('garbage', received)).toBe(0);
  });
});
