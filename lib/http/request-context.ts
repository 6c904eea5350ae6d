// Client address and user agent for session rows, audit events and per-IP
// throttling. The address is the one server.ts derived from the socket
// (./forwarded-for.ts), never a value the client chose.
import { clientAddress } from './forwarded-for';

/** Where a request came from; stored on the session row and in audit events. */
export type RequestContext = { ipAddress: string | null; userAgent: string | null };

type HeaderReader = { get(name: string): string | null };

export function requestContextFromHeaders(headers: HeaderReader, trustProxy: boolean): RequestContext {
  const address = clientAddress(headers.get('x-forwarded-for'), trustProxy);
  return {
    ipAddress: address ? address.slice(0, 64) : null,
    userAgent: headers.get('user-agent')?.slice(0, 512) ?? null,
  };
}
