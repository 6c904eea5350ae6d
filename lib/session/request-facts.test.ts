import { describe, expect, it } from 'vitest';
import { ARRIVAL_HEADER, REQUEST_STAMP_HEADER, createRequestStamper } from './request-facts';
import { createSessionKeys } from '../config/sealing-key';
import { testSecret } from '@/test/secrets';

const stamper = createRequestStamper({ 1: 'a-secret-that-is-long-enough-for-the-test-1', 2: 'the-newest-secret-that-is-long-enough-2' });
const cookie = 'Fe26.2*1*cookie-value~2';
const now = new Date('2026-12-02T10:00:00Z');
const stampHeader = (value: string | null) => new Headers(value === null ? {} : { [REQUEST_STAMP_HEADER]: value });
const arrivalHeader = (value: string | null) => new Headers(value === null ? {} : { [ARRIVAL_HEADER]: value });
const stamp = { arrivedAt: new Date(now.getTime() - 2_000), delivered: true, vouched: false, prefetch: true };

describe('request stamps', () => {
  it('round-trip for the same cookie', () => {
    expect(stamper.readStamp(stampHeader(stamper.writeStamp(cookie, stamp)), cookie, now)).toEqual(stamp);
  });

  it('read as no stamp when forged, edited, moved to another cookie, made with another key, or stale', () => {
    const header = stamper.writeStamp(cookie, stamp);
    expect(stamper.readStamp(stampHeader(null), cookie, now)).toBeNull();
    expect(stamper.readStamp(stampHeader('1.1.1.forged'), cookie, now)).toBeNull();
    expect(stamper.readStamp(stampHeader(header.replace('.1.0.1.', '.1.1.1.')), cookie, now)).toBeNull(); // "vouched" added by hand
    expect(stamper.readStamp(stampHeader(header), `${cookie}x`, now)).toBeNull();
    const other = createRequestStamper({ 1: 'a-secret-that-is-long-enough-for-the-test-1' });
    expect(other.readStamp(stampHeader(header), cookie, now)).toBeNull();
    expect(stamper.readStamp(stampHeader(header), cookie, new Date(now.getTime() + 121_000))).toBeNull();
  });

  it('arrival stamps: round-trip, and refuse forged or stale ones', () => {
    const arrived = { at: new Date(now.getTime() - 5_000), prefetch: true, lagMs: 1_234 };
    expect(stamper.readArrival(arrivalHeader(stamper.writeArrival(arrived)), now)).toEqual(arrived);
    expect(stamper.readArrival(arrivalHeader(`${now.getTime() - 60_000}.0.0.${'A'.repeat(43)}`), now)).toBeNull();
    expect(stamper.readArrival(arrivalHeader(stamper.writeArrival(arrived).replace('.1234.1.', '.1234.0.')), now)).toBeNull(); // "not a prefetch" added by hand
    expect(stamper.readArrival(arrivalHeader(stamper.writeArrival(arrived).replace('.1234.', '.0.')), now)).toBeNull(); // a faster server claimed by hand
    expect(stamper.readArrival(arrivalHeader(stamper.writeArrival({ at: new Date(now.getTime() - 121_000), prefetch: false, lagMs: 0 })), now)).toBeNull();
    expect(stamper.readArrival(arrivalHeader(stamper.writeStamp(cookie, stamp)), now)).toBeNull(); // one kind cannot pass for the other
  });
});

describe('request stamps during a key rollout', () => {
  // server.ts writes arrivals from the bare SESSION_SECRETS; the app reads
  // them with its sessionKeys, whose sealing key is the previous one for a while.
  it('are read by the app with its rollout-window keys exactly as the server in front wrote them', () => {
    const map = { 1: testSecret('stamp-old'), 2: testSecret('stamp-new') };
    const inWindow = createSessionKeys(map, 15 * 60_000, () => 0);
    const now = new Date('2026-01-01T09:00:00Z');
    const arrival = createRequestStamper(map).writeArrival({ at: now, prefetch: true, lagMs: 0 });
    expect(createRequestStamper(inWindow).readArrival(arrivalHeader(arrival), now)).toEqual({ at: now, prefetch: true, lagMs: 0 });
  });
});
