import 'server-only';
// The seam between the session layer and the product for theft notices (ADR 047):
// the session store knows nothing of mail (lib/layers.test.ts); it calls the
// listener registered with onSessionTheft once per detected theft, after the
// revocation and its audit event. The listener only schedules the mail.
import { describeUserAgent } from '../../http/user-agent';
import { onSessionTheft } from '../../session';
import { notifyUser } from './notify';

/** Mails the owner whenever the session store detects a copied session cookie. Idempotent; called where sessions are checked. */
export function watchSessionTheft(): void {
  onSessionTheft((theft) => notifyUser(theft.userId, { kind: 'session-theft', device: describeUserAgent(theft.userAgent).label }, { now: theft.at }));
}
