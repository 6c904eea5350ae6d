import 'server-only';
// The step-up the sign-in address change and account deletion need (ADR 046):
// a fresh authentication made with the strongest factor the user has (ADR 030).
// Pages send users without it to /reauth (requireStrongestFreshAuth); the
// change itself checks again, so a form left open or a crafted post is refused too.
import { sessionPolicy } from '../../session';
import { provesStrongestFactor, type AuthLevel } from '../../session/auth-level';
import { isFreshlyAuthenticated } from '../../session/policy';

export type StepUpEvidence = { session: { authenticatedAt: Date }; authLevel: AuthLevel; user: { hasPasskey: boolean; totpEnabled: boolean } };

export function hasStrongestFreshAuth(current: StepUpEvidence, now: Date = new Date()): boolean {
  return isFreshlyAuthenticated(current.session.authenticatedAt, now, sessionPolicy) && provesStrongestFactor(current.authLevel, current.user);
}
