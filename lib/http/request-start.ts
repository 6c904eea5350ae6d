// When a request reached the fleet. Behind a load balancer the instance is not
// the first to see a request: nginx hands it to whichever instance's turn it is,
// and there it may wait (a saturated event loop, the accept queue) while another
// instance, serving a parallel request of the same browser, rotates the session
// and sees the new secret used. Stamped only on arrival at the instance, that
// waiting straggler looked like a copy presented after the grace (measured:
// `npm run test:load -- --cluster`, 26 of 100 sessions falsely revoked). So the
// proxy's own receipt time may count, in the common `X-Request-Start:
// t=<seconds>.<ms>` form (nginx: `t=${msec}`), which nginx overwrites on every request.
//
// Only under its own setting, TRUST_REQUEST_START (which needs TRUST_PROXY): a
// proxy that forwards X-Forwarded-For need not overwrite X-Request-Start, and a
// client's own value then backdated its arrival by up to 60 s — a previous
// secret past its grace was accepted (ADR 033). And never by more than
// min(5 s, grace / 3): an older time is clamped to that, so even a proxy that
// passes a client's value through widens the grace by a third at most.
export const REQUEST_START_HEADER = 'x-request-start';
export const MAX_BACKDATE_MS = 5_000;

export type RequestStartTrust = { trusted: false } | { trusted: true; maxBackdateMs: number };

export function requestStartTrust(settings: { TRUST_REQUEST_START: boolean; SESSION_ROTATION_GRACE: number }): RequestStartTrust {
  if (!settings.TRUST_REQUEST_START) return { trusted: false };
  return { trusted: true, maxBackdateMs: Math.min(MAX_BACKDATE_MS, Math.floor(settings.SESSION_ROTATION_GRACE / 3)) };
}

const SHAPE = /^t=(\d{10})(?:\.(\d{1,6}))?$/;

export function arrivalTime(header: string | string[] | undefined, trust: RequestStartTrust, now: Date): Date {
  if (!trust.trusted || typeof header !== 'string') return now;
  const match = SHAPE.exec(header.trim());
  if (!match) return now;
  const ms = Number(match[1]) * 1000 + Number((match[2] ?? '0').padEnd(3, '0').slice(0, 3));
  const waited = now.getTime() - ms;
  if (waited < 0) return now; // the proxy's clock is ahead of ours: never judge later than now
  return new Date(now.getTime() - Math.min(waited, trust.maxBackdateMs));
}
