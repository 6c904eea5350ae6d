import 'server-only';
// Step-up with a passkey (/reauth): a fresh, user-verified assertion from one of
// the user's own passkeys, bound to this session. When the step-up approves a
// payment, the challenge is derived from that payment (transferChallenge, ADR
// 017/022) and bound to its authorisation: the server accepts the signature only
// for that transfer. Success regenerates the session like a password step-up.
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { fetchUsablePasskeyCredentials } from '../../dal/passkeys';
import { env } from '../../env';
import type { RequestContext, Session } from '../../session';
// demo-bank:begin
import { fetchBoundTransferDetails } from '../../dal/transfer-approval';
import { matchesTransferChallenge, transferChallenge } from '../../banking/transfer-authorisation';
// demo-bank:end
import { establishSession, failAttempt, startUserAttempt, succeedAttempt } from '../sign-in';
import { issueChallenge } from './challenges';
import { authenticationOptions } from './ceremonies';
import { checkPasskeyAssertion, type PasskeyAssertionResult } from './assertion';

type Current = { session: Session; user: { id: string; email: string } };

export async function beginPasskeyStepUp(current: Current, authorisationId?: string): Promise<PublicKeyCredentialRequestOptionsJSON | undefined> {
  const userId = current.user.id;
  const passkeys = await fetchUsablePasskeyCredentials(userId);
  if (passkeys.length === 0) return undefined;
  const binding = { userId, sessionId: current.session.id };
  // demo-bank:begin
  if (authorisationId !== undefined) {
    const details = await fetchBoundTransferDetails({ id: authorisationId, userId, sessionId: current.session.id });
    if (!details) return undefined;
    const challenge = await issueChallenge('transfer', { ...binding, authorisationId: details.id }, { challenge: transferChallenge(details) });
    return authenticationOptions(env.relyingParty, passkeys, challenge);
  }
  // demo-bank:instead if (authorisationId !== undefined) return undefined; // no payments to approve without the bank
  // demo-bank:end
  return authenticationOptions(env.relyingParty, passkeys, await issueChallenge('step-up', binding));
}

/**
 * The same ceremony as proof of an existing factor for adding or removing one
 * (ADR 030): its challenge is bound to this session and to that purpose only, so
 * a step-up's or a transfer's assertion proves nothing here, nor this one there.
 */
export async function beginFactorChangeProof(current: Current): Promise<PublicKeyCredentialRequestOptionsJSON | undefined> {
  const userId = current.user.id;
  const passkeys = await fetchUsablePasskeyCredentials(userId);
  if (passkeys.length === 0) return undefined;
  return authenticationOptions(env.relyingParty, passkeys, await issueChallenge('factor-change', { userId, sessionId: current.session.id }));
}

/** Checks (and spends) a factor-change assertion; the caller counts a failure under its own attempt. */
export function checkFactorChangeProof(current: Current, input: unknown, context: RequestContext): Promise<PasskeyAssertionResult> {
  const userId = current.user.id;
  return checkPasskeyAssertion(input, { purpose: 'factor-change', binding: { userId, sessionId: current.session.id }, userId }, context);
}

export type PasskeyStepUpResult = { status: 'ok'; sessionId: string } | { status: 'invalid' } | { status: 'blocked' } | { status: 'locked' };

export async function completePasskeyStepUp(current: Current, input: unknown, authorisationId: string | undefined, context: RequestContext): Promise<PasskeyStepUpResult> {
  const userId = current.user.id;
  const attempt = await startUserAttempt(current.user, 'reauth', context);
  if (!attempt) return { status: 'blocked' };
  const binding = { userId, sessionId: current.session.id };
  let result: PasskeyAssertionResult = { status: 'invalid', userId }; // no payments to approve without the bank
  if (authorisationId === undefined) {
    result = await checkPasskeyAssertion(input, { purpose: 'step-up', binding, userId }, context);
  }
  // demo-bank:begin
  else {
    const details = await fetchBoundTransferDetails({ id: authorisationId, userId, sessionId: current.session.id });
    if (details) {
      result = await checkPasskeyAssertion(input, { purpose: 'transfer', binding: { ...binding, authorisationId: details.id }, userId, matches: (challenge) => matchesTransferChallenge(challenge, details) }, context);
    }
  }
  // demo-bank:end
  if (result.status !== 'ok') {
    const { locked } = await failAttempt(attempt, { method: 'passkey', reason: result.status, ...(authorisationId ? { authorisation: true } : {}) });
    return locked ? { status: 'locked' } : { status: 'invalid' };
  }
  if (!(await succeedAttempt(attempt, { secondFactorVerified: true }))) return { status: 'blocked' };
  const { sessionId } = await establishSession(userId, { method: 'reauth', mfaVerified: true, authLevel: 'phishing-resistant', context });
  return { status: 'ok', sessionId };
}
