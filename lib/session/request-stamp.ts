// What middleware tells the data access layer about the request it let
// through, in a form the DAL can verify — so the DAL never has to take a plain
// header's word for anything (a client can send any header, and middleware can
// be bypassed: CVE-2025-29927). The stamp says:
//   receivedAt — when the request arrived: grace decisions are made as of then,
//                so a request that waited behind others is not judged late;
//   delivered  — middleware rotated or re-sent the cookie in this very request,
//                so the secret downstream sees is not yet proof the browser has it;
//   vouched    — middleware checked this cookie against the database when the
//                request arrived and found it valid (so a rotation while the
//                request was being served does not turn it into a "copy");
//   prefetch   — the router or browser fetching ahead (Next hides its router
//                headers from the app, so only middleware can tell).
// It is an HMAC over those fields and the exact cookie value downstream sees,
// under a key derived from SESSION_SECRETS' newest key — not the rollout's
// sealing key: stamps never leave the process, and scripts/serve.ts (which
// knows only the bare map) must make the same key — and it expires within two minutes.
// scripts/serve.ts adds an earlier, smaller stamp — the arrival time alone,
// taken before Next's own queueing — that middleware reads the same way.
// A forged, moved or stale stamp reads as no stamp: the strict judgement.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { allKeys, currentSealingKeyId, type Keys } from '../config/sealing-key';

export const REQUEST_STAMP_HEADER = 'x-strongroom-request';
/** Set by scripts/serve.ts the moment a request arrives, before Next queues it. */
export const ARRIVAL_HEADER = 'x-strongroom-arrived';

export type Arrival = { at: Date; prefetch: boolean };

export type RequestStamp = { receivedAt: Date; delivered: boolean; vouched: boolean; prefetch: boolean };

const MAX_AGE_MS = 120_000;
// Arrival stamps are bound to this word instead of a cookie (a seal never equals it).
const ARRIVAL_BINDING = 'arrival';
// `<ms>.<flags…>.<mac>`: three flags (delivered, vouched, prefetch) or one (prefetch).
const STAMP_SHAPE = /^(\d{1,15}(?:\.[01]){3})\.([\w-]{43})$/;
const ARRIVAL_SHAPE = /^(\d{1,15}\.[01])\.([\w-]{43})$/;

export function createRequestStamper(keys: Keys) {
  const passwords = allKeys(keys);
  const key = Buffer.from(hkdfSync('sha256', passwords[currentSealingKeyId(passwords)]!, '', 'strongroom.request-stamp.v1', 32));
  const mac = (fields: string, boundTo: string) => createHmac('sha256', key).update(`${fields}|${boundTo}`).digest();

  /** `<ms>.<flag>….<mac>`: a time and 0/1 flags, signed together with what the stamp is bound to. */
  function sign(at: Date, flags: boolean[], boundTo: string): string {
    const fields = [at.getTime(), ...flags.map(Number)].join('.');
    return `${fields}.${mac(fields, boundTo).toString('base64url')}`;
  }

  /** The time and flags of an authentic, fresh stamp of this shape; null for anything else. */
  function verify(header: string | null, shape: RegExp, boundTo: string, now: Date): { at: Date; flags: boolean[] } | null {
    const match = header ? shape.exec(header) : null;
    if (!match) return null;
    const expected = mac(match[1]!, boundTo);
    const presented = Buffer.from(match[2]!, 'base64url');
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
    const [ms, ...flags] = match[1]!.split('.');
    const at = new Date(Number(ms));
    const age = now.getTime() - at.getTime();
    return age < -1_000 || age > MAX_AGE_MS ? null : { at, flags: flags.map((flag) => flag === '1') };
  }

  function writeStamp(cookieValue: string, stamp: RequestStamp): string {
    return sign(stamp.receivedAt, [stamp.delivered, stamp.vouched, stamp.prefetch], cookieValue);
  }

  function readStamp(header: string | null, cookieValue: string, now: Date): RequestStamp | null {
    const read = verify(header, STAMP_SHAPE, cookieValue, now);
    if (!read) return null;
    const [delivered, vouched, prefetch] = read.flags as [boolean, boolean, boolean];
    return { receivedAt: read.at, delivered, vouched, prefetch };
  }

  /**
   * The arrival stamp: when the HTTP server first saw the request, and whether
   * it was a prefetch — Next strips its router headers (`Next-Router-Prefetch`,
   * `RSC`) before middleware runs, so only the server in front can tell.
   */
  function writeArrival(arrival: Arrival): string {
    return sign(arrival.at, [arrival.prefetch], ARRIVAL_BINDING);
  }

  function readArrival(header: string | null, now: Date): Arrival | null {
    const read = verify(header, ARRIVAL_SHAPE, ARRIVAL_BINDING, now);
    return read ? { at: read.at, prefetch: read.flags[0]! } : null;
  }

  return { writeStamp, readStamp, writeArrival, readArrival };
}
