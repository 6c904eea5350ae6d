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
//                request was being served does not turn it into a "copy").
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

export type RequestStamp = { receivedAt: Date; delivered: boolean; vouched: boolean };

const MAX_AGE_MS = 120_000;

export function createRequestStamper(passwords: PasswordMap) {
  const newestId = Object.keys(passwords).sort((a, b) => Number(b) - Number(a))[0]!;
  const key = Buffer.from(hkdfSync('sha256', passwords[newestId]!, '', 'strongroom.request-stamp.v1', 32));
  const mac = (fields: string, cookieValue: string) => createHmac('sha256', key).update(`${fields}|${cookieValue}`).digest();

  function writeStamp(cookieValue: string, stamp: RequestStamp): string {
    const fields = `${stamp.receivedAt.getTime()}.${stamp.delivered ? 1 : 0}.${stamp.vouched ? 1 : 0}`;
    return `${fields}.${mac(fields, cookieValue).toString('base64url')}`;
  }

  function readStamp(header: string | null, cookieValue: string, now: Date): RequestStamp | null {
    const match = header ? /^(\d{1,15})\.([01])\.([01])\.([\w-]{43})$/.exec(header) : null;
    if (!match) return null;
    const [, received, delivered, vouched, signature] = match;
    const expected = mac(`${received}.${delivered}.${vouched}`, cookieValue);
    const presented = Buffer.from(signature!, 'base64url');
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
    const receivedAt = new Date(Number(received));
    const age = now.getTime() - receivedAt.getTime();
    if (age < -1_000 || age > MAX_AGE_MS) return null;
    return { receivedAt, delivered: delivered === '1', vouched: vouched === '1' };
  }

  /** The arrival stamp: when the HTTP server first saw the request. */
  function writeArrival(at: Date): string {
    const fields = `${at.getTime()}`;
    return `${fields}.${mac(fields, 'arrival').toString('base64url')}`;
  }

  function readArrival(header: string | null, now: Date): Date | null {
    const match = header ? /^(\d{1,15})\.([\w-]{43})$/.exec(header) : null;
    if (!match) return null;
    const expected = mac(match[1]!, 'arrival');
    const presented = Buffer.from(match[2]!, 'base64url');
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
    const at = new Date(Number(match[1]));
    const age = now.getTime() - at.getTime();
    return age < -1_000 || age > MAX_AGE_MS ? null : at;
  }

  return { writeStamp, readStamp, writeArrival, readArrival };
}
