// When a request reached the fleet. Behind a load balancer the instance is not
// the first to see a request: nginx hands it to whichever instance's turn it is,
// and there it may wait (a saturated event loop, the accept queue) while another
// instance, serving a parallel request of the same browser, rotates the session
// and sees the new secret used. Stamped only on arrival at the instance, that
// waiting straggler looked like a copy presented after the grace (measured:
// `npm run test:load -- --cluster`, 26 of 100 sessions falsely revoked). So with
// TRUST_PROXY the proxy's own receipt time counts, in the common
// `X-Request-Start: t=<seconds>.<ms>` form (nginx: `t=${msec}`), which nginx
// overwrites on every request. It is bounded: never later than our own clock,
// and one older than MAX_QUEUE_MS (or any malformed value) is ignored — then the
// instance's own "now", the strict judgement, as without a proxy.
export const REQUEST_START_HEADER = 'x-request-start';
export const MAX_QUEUE_MS = 60_000;

const SHAPE = /^t=(\d{10})(?:\.(\d{1,6}))?$/;

export function arrivalTime(header: string | string[] | undefined, trustProxy: boolean, now: Date): Date {
  if (!trustProxy || typeof header !== 'string') return now;
  const match = SHAPE.exec(header.trim());
  if (!match) return now;
  const ms = Number(match[1]) * 1000 + Number((match[2] ?? '0').padEnd(3, '0').slice(0, 3));
  const waited = now.getTime() - ms;
  if (waited < 0) return now; // the proxy's clock is ahead of ours: never judge later than now
  return waited > MAX_QUEUE_MS ? now : new Date(ms);
}
