// Client address and user agent for session rows and audit events. The
// address comes from X-Forwarded-For: its leftmost entry only when TRUST_PROXY
// says a proxy we run (nginx) sets it, else the entry nearest to us.
import type { RequestContext } from '../session/engine';

type HeaderReader = { get(name: string): string | null };

export function requestContextFromHeaders(headers: HeaderReader, trustProxy: boolean): RequestContext {
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const address = (trustProxy ? forwarded[0] : forwarded.at(-1)) ?? headers.get('x-real-ip');
  return {
    ipAddress: address ? address.slice(0, 64) : null,
    userAgent: headers.get('user-agent')?.slice(0, 512) ?? null,
  };
}
