import { describe, expect, it } from 'vitest';
import { arrivalTime, MAX_QUEUE_MS } from './request-start';

const now = new Date('2026-12-02T04:40:00.500Z');
const header = (date: Date) => `t=${Math.floor(date.getTime() / 1000)}.${String(date.getTime() % 1000).padStart(3, '0')}`;

describe('arrivalTime (X-Request-Start from the trusted proxy)', () => {
  it('takes the proxy’s receipt time when a proxy is trusted', () => {
    const queued = new Date(now.getTime() - 4_250);
    expect(arrivalTime(header(queued), true, now)).toEqual(queued);
  });

  it('ignores the header without TRUST_PROXY: a client cannot move its own arrival', () => {
    expect(arrivalTime(header(new Date(now.getTime() - 4_000)), false, now)).toBe(now);
  });

  it.each([
    ['missing', undefined],
    ['repeated', ['t=1', 't=2']],
    ['not the t= form', '1796186396.123'],
    ['garbage', 't=abc'],
    ['microseconds with junk', 't=1796186396.123x'],
  ])('falls back to now for a %s header', (_what, value) => {
    expect(arrivalTime(value as string | string[] | undefined, true, now)).toBe(now);
  });

  it('never judges a request later than now (a proxy clock ahead of ours)', () => {
    expect(arrivalTime(header(new Date(now.getTime() + 3_000)), true, now)).toBe(now);
  });

  it(`ignores a time more than ${MAX_QUEUE_MS / 1000} s old (stale or forged): the strict judgement`, () => {
    expect(arrivalTime(header(new Date(now.getTime() - MAX_QUEUE_MS - 1)), true, now)).toBe(now);
  });

  it('reads seconds with microseconds too', () => {
    expect(arrivalTime('t=1796186399.123456', true, now).getTime()).toBe(1796186399123);
  });
});
