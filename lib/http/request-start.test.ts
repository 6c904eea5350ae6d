import { describe, expect, it } from 'vitest';
import { arrivalTime, MAX_BACKDATE_MS, requestStartTrust, type RequestStartTrust } from './request-start';

const now = new Date('2026-12-02T04:40:00.500Z');
const header = (date: Date) => `t=${Math.floor(date.getTime() / 1000)}.${String(date.getTime() % 1000).padStart(3, '0')}`;
const ago = (ms: number) => new Date(now.getTime() - ms);
const trusted: RequestStartTrust = { trusted: true, maxBackdateMs: MAX_BACKDATE_MS };

describe('requestStartTrust (TRUST_REQUEST_START)', () => {
  it('is off unless TRUST_REQUEST_START says so', () => {
    expect(requestStartTrust({ TRUST_REQUEST_START: false, SESSION_ROTATION_GRACE: 30_000 })).toEqual({ trusted: false });
  });

  it('bounds the backdating by min(5 s, grace / 3)', () => {
    expect(requestStartTrust({ TRUST_REQUEST_START: true, SESSION_ROTATION_GRACE: 30_000 })).toEqual({ trusted: true, maxBackdateMs: 5_000 });
    expect(requestStartTrust({ TRUST_REQUEST_START: true, SESSION_ROTATION_GRACE: 3_000 })).toEqual({ trusted: true, maxBackdateMs: 1_000 });
  });
});

describe('arrivalTime (X-Request-Start from the trusted proxy)', () => {
  it('takes the proxy’s receipt time when it is trusted', () => {
    expect(arrivalTime(header(ago(4_250)), trusted, now)).toEqual(ago(4_250));
  });

  it('ignores the header when not trusted: a client cannot move its own arrival', () => {
    expect(arrivalTime(header(ago(4_000)), { trusted: false }, now)).toBe(now);
  });

  it.each([
    ['missing', undefined],
    ['repeated', ['t=1', 't=2']],
    ['not the t= form', '1796186396.123'],
    ['garbage', 't=abc'],
    ['microseconds with junk', 't=1796186396.123x'],
  ])('falls back to now for a %s header', (_what, value) => {
    expect(arrivalTime(value as string | string[] | undefined, trusted, now)).toBe(now);
  });

  it('never judges a request later than now (a proxy clock ahead of ours)', () => {
    expect(arrivalTime(header(new Date(now.getTime() + 3_000)), trusted, now)).toBe(now);
  });

  it('never backdates by more than the bound, however old the time it is given (issue 20)', () => {
    // What a client sent through a proxy that did not overwrite it: 55 s, once accepted in full.
    expect(arrivalTime(header(ago(55_000)), trusted, now)).toEqual(ago(MAX_BACKDATE_MS));
    expect(arrivalTime(header(ago(20_000)), { trusted: true, maxBackdateMs: 1_000 }, now)).toEqual(ago(1_000));
    expect(arrivalTime('t=0000000001', trusted, now)).toEqual(ago(MAX_BACKDATE_MS));
  });

  it('reads seconds with microseconds too', () => {
    expect(arrivalTime('t=1796186399.123456', trusted, new Date(1796186400000)).getTime()).toBe(1796186399123);
  });
});
