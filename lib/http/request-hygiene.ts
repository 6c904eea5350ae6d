// Refusals that need no session, before anything reads one — each a clear 4xx
// or 503 instead of Next's 500 or, worse, a pass:
//  - a production request that did not come through server.ts (503, ADR 033);
//  - a path with broken %-escapes (400: Next fails decoding route parameters with a 500);
//  - a body over 2 MB (413, rather than a 500 from Next's parser);
//  - a state-changing request from another origin (403, CSRF — Next refuses a
//    cross-origin Server Action with a 500, and route handlers get no check at all);
//  - a Server Action body React could not decode (400; Next's answer is a 500).
import { unstampedRequestRefusal } from './production-server';
import { isCrossOriginRequest } from './same-origin';
import { checkServerActionRequest } from './server-action-request';

// Matches serverActions.bodySizeLimit in next.config.mjs.
const MAX_BODY_BYTES = 2 * 1024 * 1024;

const noStore = { 'Cache-Control': 'no-store' };

/**
 * The refusal for a request unfit to go further, or null. `arrival`: server.ts's
 * authentic arrival stamp, if any; `buildMode`: the build's own NODE_ENV.
 */
export async function refuseUnfitRequest(request: Request, arrival: object | null, buildMode: string | undefined): Promise<Response | null> {
  const outsideProductionServer = unstampedRequestRefusal(arrival, buildMode);
  if (outsideProductionServer) return outsideProductionServer;
  if (!isDecodablePath(new URL(request.url).pathname)) return Response.json({ error: 'malformed path' }, { status: 400, headers: noStore });
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) {
    return new Response('Request too large.', { status: 413, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && isCrossOriginRequest(request)) {
    return Response.json({ error: 'cross-origin request refused' }, { status: 403 });
  }
  const envelope = await checkServerActionRequest(request);
  if (envelope.kind === 'invalid') return Response.json({ error: 'malformed server action request', reason: envelope.reason }, { status: 400, headers: noStore });
  return null;
}

/** "/a%20b" yes; "/%ff", "/x%" no (they are not UTF-8 percent-encoding). */
function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
