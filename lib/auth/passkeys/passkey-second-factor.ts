import 'server-only';
// A passkey as the second factor, after the password (or SSO) step: the same
// pending login the TOTP step uses (ADR 011) names the user; the challenge is
// bound to that user and to the pending login's nonce, and only the user's own
// passkeys are allowed. Success consumes the pending login (single use) and
// creates the session (regenerated, mfaVerified) — like a correct code.
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { fetchUsablePasskeyCredentials } from '../../dal/passkeys';
import { env } from '../../env';
import type { RequestContext } from '../../session';
import { beginSecondFactorStep, currentPendingLogin, failSecondFactorStep, finishSecondFactorStep } from '../sign-in';
import { hashAttemptToken, issueChallenge } from './challenges';
import { authenticationOptions } from './ceremonies';
import { checkPasskeyAssertion } from './assertion';

const bindingOf = (pending: { userId: string; nonce: string }) => ({ userId: pending.userId, attemptHash: hashAttemptToken(pending.nonce) });

export async function beginPasskeySecondFactor(): Promise<PublicKeyCredentialRequestOptionsJSON | undefined> {
  const pending = await currentPendingLogin();
  if (!pending) return undefined;
  const passkeys = await fetchUsablePasskeyCredentials(pending.userId);
  if (passkeys.length === 0) return undefined;
  const challenge = await issueChallenge('second-factor', bindingOf(pending));
  return authenticationOptions(env.relyingParty, passkeys, challenge);
}

export type PasskeySecondFactorResult = { status: 'signed-in'; next: string } | { status: 'invalid' } | { status: 'blocked' } | { status: 'restart' };

export async function completePasskeySecondFactor(input: unknown, context: RequestContext): Promise<PasskeySecondFactorResult> {
  const step = await beginSecondFactorStep(context);
  if (!('pending' in step)) return step;
  const { pending } = step;
  const result = await checkPasskeyAssertion(input, { purpose: 'second-factor', binding: bindingOf(pending), userId: pending.userId }, context);
  if (result.status !== 'ok') {
    const { locked } = await failSecondFactorStep(step, { method: 'passkey', reason: result.status });
    return locked ? { status: 'blocked' } : { status: 'invalid' };
  }
  return finishSecondFactorStep(step, 'passkey');
}
