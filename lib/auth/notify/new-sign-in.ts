import 'server-only';
// "New device" for a sign-in notice (ADR 047): a browser that does not hold a
// current device proof for this user (lib/auth/device, ADR 031) — the signed
// cookie every sign-in issues, bound to the user and their password epoch. A
// User-Agent label is never the test: any attacker can send a common one.
import type { RequestContext } from '../../http/request-context';
import { describeUserAgent } from '../../http/user-agent';
import type { SecurityNotice } from './notify';

/** The notice a sign-in calls for, or null: none for a browser that already held this user's proof, none for a re-authentication. */
export function signInNotice(input: { method: string; knownDevice: boolean; context: RequestContext }): SecurityNotice | null {
  if (input.knownDevice || input.method === 'reauth') return null;
  return { kind: 'new-sign-in', device: describeUserAgent(input.context.userAgent).label, ipAddress: input.context.ipAddress ?? null };
}
