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
// under a key derived from SESSION_SECRETS, and it expires within two minutes.
// scripts/serve.ts adds an earlier, smaller stamp — the arrival time alone,
// taken before Next's own queueing — that middleware reads the same way.
// A forged, moved or stale stamp reads as no stamp: the strict judgement.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { PasswordMap } from '../config/secrets';

export const REQUEST_STAMP_HEADER = 'x-strongroom-request';
/** Set by scripts/serve.ts the moment a request arrives, before Next queues it. */
export const ARRIVAL_HEADER = 'x-strongroom-arrived';

export type Arrival = { at: Date; prefetch: boolean };

export type RequestStamp = { receivedAt: Date; delivered: boolean; vouched: boolean; prefetch: boolean };

const MAX_AGE_MS = 120_000;

export function createRequestStamper(passwords: PasswordMap) {
  const newestId = Object.keys(passwords).sort((a, b) => Number(b) - Number(a))[0]!;
  const key = Buffer.from(hkdfSync('sha256', passwords[newestId]!, '', 'strongroom.request-stamp.v1', 32));
  const mac = (fields: string, cookieValue: string) => createHmac('sha256', key).update(`${fields}|${cookieValue}`).digest();

  function writeStamp(cookieValue: string, stamp: RequestStamp): string {
    const fields = [stamp.receivedAt.getTime(), stamp.delivered, stamp.vouched, stamp.prefetch].map(Number).join('.');
    return `${fields}.${mac(fields, cookieValue).toString('base64url')}`;
  }

  function readStamp(header: string | null, cookieValue: string, now: Date): RequestStamp | null {
    const match = header ? /^(\d{1,15})\.([01])\.([01])\.([01])\.([\w-]{43})$/.exec(header) : null;
    if (!match) return null;
    const [, received, delivered, vouched, prefetch, signature] = match;
    const expected = mac(`${received}.${delivered}.${vouched}.${prefetch}`, cookieValue);
    const presented = Buffer.from(signature!, 'base64url');
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
    const receivedAt = new Date(Number(received));
    const age = now.getTime() - receivedAt.getTime();
    if (age < -1_000 || age > MAX_AGE_MS) return null;
    return { receivedAt, delivered: delivered === '1', vouched: vouched === '1', prefetch: prefetch === '1' };
  }

  /**
   * The arrival stamp: when the HTTP server first saw the request, and whether
   * it was a prefetch — Next strips its router headers (`Next-Router-Prefetch`,
   * `RSC`) before middleware runs, so only the server in front can tell.
   */
  function writeArrival(arrival: Arrival): string {
    const fields = `${arrival.at.getTime()}.${Number(arrival.prefetch)}`;
    return `${fields}.${mac(fields, 'arrival').toString('base64url')}`;
  }

  function readArrival(header: string | null, now: Date): Arrival | null {
    const match = header ? /^(\d{1,15})\.([01])\.([\w-]{43})$/.exec(header) : null;
    if (!match) return null;
    const expected = mac(`${match[1]}.${match[2]}`, 'arrival');
    const presented = Buffer.from(match[3]!, 'base64url');
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
    const at = new Date(Number(match[1]));
    const age = now.getTime() - at.getTime();
    return age < -1_000 || age > MAX_AGE_MS ? null : { at, prefetch: match[2] === '1' };
  }

  return { writeStamp, readStamp, writeArrival, readArrival };
}
