import 'server-only';
// Fail closed outside the app's own production server (ADR 033). server.ts
// is the first code to see a request: it rewrites X-Forwarded-For from the
// socket and stamps the arrival (lib/session/request-facts.ts). Under plain
// `next start` or standalone output neither happens — a client-sent
// X-Forwarded-For became the client address (per-address throttling never
// blocked 8 forged-address attempts with a limit of 5; sessions listed the
// forged address) and nothing said so. So in production a request without an
// authentic arrival stamp is refused, whatever path it takes; dev and tests
// (`next dev`, vitest) have no such server and keep working.
import { APP_NAME } from '../config/app-name';

export const PRODUCTION_SERVER_REQUIRED =
  `This server was not started by ${APP_NAME}’s production server, so it cannot tell who sent a request or when. ` +
  'Start it with `npm run serve` or `npm start` (server.ts); plain `next start` and standalone output are not supported (README, “Deploying”).';

/**
 * The 503 for a production request without server.ts's arrival stamp
 * (`arrival`: what the request stamper read, null if none); null otherwise.
 * `buildMode` is the build's own `process.env.NODE_ENV`, which `next build`
 * writes into the code: a NODE_ENV set at run time cannot turn the check off.
 */
export function unstampedRequestRefusal(arrival: object | null, buildMode: string | undefined): Response | null {
  return arrival || buildMode !== 'production' ? null : refuseUnstampedRequest();
}

let reported = false;

/** 503 for the client; the operator's log says why, once per process. */
function refuseUnstampedRequest(): Response {
  if (!reported) {
    reported = true;
    console.error(`[server] refusing requests: ${PRODUCTION_SERVER_REQUIRED}`);
  }
  return new Response(`${PRODUCTION_SERVER_REQUIRED}\n`, {
    status: 503,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
