// The request facts, signed: what the first hop and the gate know about a
// request, in a form the next reader can verify — a client can send any header,
// and middleware can be skipped (CVE-2025-29927). Two stamps:
//   arrival (server.ts → gate): when the request arrived, before Next queued it;
//     how slowly the server was answering then; whether it was a prefetch (Next
//     hides its router headers from everything after server.ts);
//   request (gate → current-session entry): arrivedAt, prefetch, and
//     delivered — the gate rotated or re-sent this cookie itself, so it is no
//     proof the browser holds it — and vouched — the gate found the cookie valid
//     on arrival, so a parallel rotation since does not make it a copy.
// Each is an HMAC, the request stamp over the exact cookie downstream sees, under
// a key derived from SESSION_SECRETS' newest key (server.ts knows only the bare
// map), and expires within two minutes. A forged, moved or stale stamp reads as
// none: the strict judgement.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { CRYPTO_LABELS } from '../config/crypto-labels';
import { allKeys, currentSealingKeyId, type Keys } from '../config/sealing-key';

export const REQUEST_STAMP_HEADER = 'x-strongroom-request';
/** Set by server.ts the moment a request arrives, before Next queues it. */
export const ARRIVAL_HEADER = 'x-strongroom-arrived';

/** `lagMs`: how slowly the server was answering when this request arrived (lib/http/server-lag.ts). */
export type Arrival = { at: Date; prefetch: boolean; lagMs: number };

export type RequestStamp = { arrivedAt: Date; delivered: boolean; vouched: boolean; prefetch: boolean };

type HeaderReader = { get(name: string): string | null };

const MAX_AGE_MS = 120_000;
// Arrival stamps are bound to this word instead of a cookie (a seal never equals it).
const ARRIVAL_BINDING = 'arrival';
// `<ms>.<fields…>.<mac>`: three flags (delivered, vouched, prefetch), or the lag and one flag (prefetch).
const STAMP_SHAPE = /^(\d{1,15}(?:\.[01]){3})\.([\w-]{43})$/;
const ARRIVAL_SHAPE = /^(\d{1,15}\.\d{1,9}\.[01])\.([\w-]{43})$/;

export function createRequestStamper(keys: Keys) {
  const map = allKeys(keys);
  const key = Buffer.from(hkdfSync('sha256', map[currentSealingKeyId(map)]!, '', CRYPTO_LABELS.requestStamp, 32));
  const mac = (fields: string, boundTo: string) => createHmac('sha256', key).update(`${fields}|${boundTo}`).digest();

  /** `<ms>.<field>….<mac>`: a time and whole numbers (flags as 0/1), signed together with what the stamp is bound to. */
  function sign(at: Date, values: (boolean | number)[], boundTo: string): string {
    const fields = [at.getTime(), ...values.map(Number)].join('.');
    return `${fields}.${mac(fields, boundTo).toString('base64url')}`;
  }

  /** The time and numbers of an authentic, fresh stamp of this shape; null for anything else. */
  function verify(header: string | null, shape: RegExp, boundTo: string, now: Date): { at: Date; values: number[] } | null {
    const match = header ? shape.exec(header) : null;
    if (!match) return null;
    const expected = mac(match[1]!, boundTo);
    const presented = Buffer.from(match[2]!, 'base64url');
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
    const [ms, ...values] = match[1]!.split('.').map(Number);
    const at = new Date(ms!);
    const age = now.getTime() - at.getTime();
    return age < -1_000 || age > MAX_AGE_MS ? null : { at, values };
  }

  function writeStamp(cookieValue: string, stamp: RequestStamp): string {
    return sign(stamp.arrivedAt, [stamp.delivered, stamp.vouched, stamp.prefetch], cookieValue);
  }

  function readStamp(headers: HeaderReader, cookieValue: string, now: Date): RequestStamp | null {
    const read = verify(headers.get(REQUEST_STAMP_HEADER), STAMP_SHAPE, cookieValue, now);
    if (!read) return null;
    const [delivered, vouched, prefetch] = read.values.map((flag) => flag === 1) as [boolean, boolean, boolean];
    return { arrivedAt: read.at, delivered, vouched, prefetch };
  }

  /**
   * The arrival stamp: when the HTTP server first saw the request, and whether
   * it was a prefetch — Next strips its router headers (`Next-Router-Prefetch`,
   * `RSC`) before middleware runs, so only the server in front can tell.
   */
  function writeArrival(arrival: Arrival): string {
    return sign(arrival.at, [Math.min(Math.max(0, Math.round(arrival.lagMs)), 999_999_999), arrival.prefetch], ARRIVAL_BINDING);
  }

  function readArrival(headers: HeaderReader, now: Date): Arrival | null {
    const read = verify(headers.get(ARRIVAL_HEADER), ARRIVAL_SHAPE, ARRIVAL_BINDING, now);
    return read ? { at: read.at, lagMs: read.values[0]!, prefetch: read.values[1] === 1 } : null;
  }

  return { writeStamp, readStamp, writeArrival, readArrival };
}

export type RequestStamper = ReturnType<typeof createRequestStamper>;
