import 'server-only';
// Passkeys in the security centre (pages and actions require a fresh
// authentication first): register, rename, remove. Adding and removing one
// changes how the account signs in, so — like an MFA change — each needs the
// password and a proof of an existing factor in the same request (ADR 030),
// revokes the user's other sessions and regenerates this one; every change is
// audited. docs/decisions/022-passkeys.md
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { env } from '../../env';
import type { RequestContext, Session } from '../../session';
import { recordSecurityEvent } from '../../dal/security-events';
import { countUsablePasskeys, createPasskey, deletePasskey, fetchPasskeyCredentials, fetchPasskeys, passkeyExists, updatePasskeyName } from '../../dal/passkeys';
import { consumeChallenge } from '../../dal/passkey-challenges';
import { rotateCredentialsSessions } from '../credentials/credential-change';
import { proveFactorChange, type FactorChangeInput, type FactorChangeProof } from '../credentials/factor-change-proof';
import { beginFactorChangeProof } from './passkey-step-up';
import { notifyUser } from '../notify';
import { issueChallenge } from './challenges';
import { registrationOptions, verifyRegistration } from './ceremonies';
import { parseRegistrationResponse } from './response-shape';

export const MAX_PASSKEYS = 10;
export const PASSKEY_NAME_MAX = 60;

export type PasskeyView = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; synced: boolean; suspendedAt: Date | null };

export async function listPasskeys(userId: string): Promise<PasskeyView[]> {
  const rows = await fetchPasskeys(userId);
  return rows.map(({ deviceType, backedUp, ...row }) => ({ ...row, synced: deviceType === 'multiDevice' && backedUp }));
}

/** Passkeys that can still be used (suspended ones are not offered). */
export const countPasskeys = countUsablePasskeys;

/** A name the user typed, tidied; undefined when nothing is left. */
export function cleanPasskeyName(input: string | undefined): string | undefined {
  const name = (input ?? '').replace(/[\p{C}]/gu, '').replace(/\s+/g, ' ').trim().slice(0, PASSKEY_NAME_MAX);
  return name.length > 0 ? name : undefined;
}

type Current = { session: Session; user: { id: string; email: string; name: string } };

/** The new passkey's options and, when the account has passkeys already, the assertion that proves one of them. */
export type PasskeyRegistrationStart = { registration: PublicKeyCredentialCreationOptionsJSON; proof: PublicKeyCredentialRequestOptionsJSON | null };

export async function startPasskeyRegistration(current: Current): Promise<PasskeyRegistrationStart | undefined> {
  const existing = await fetchPasskeyCredentials(current.user.id);
  if (existing.length >= MAX_PASSKEYS) return undefined;
  const challenge = await issueChallenge('register', { userId: current.user.id, sessionId: current.session.id });
  const registration = await registrationOptions(env.relyingParty, current.user, existing, challenge);
  return { registration, proof: (await beginFactorChangeProof(current)) ?? null };
}

/** A refused proof (wrong password or factor, throttled, locked) is passed on as it is. */
export type AddPasskeyResult = { status: 'added'; name: string } | { status: 'invalid' } | { status: 'limit' } | Exclude<FactorChangeProof, { status: 'proven' }>;

export async function finishPasskeyRegistration(
  current: Current,
  input: { registration: unknown; name: string | undefined; proof: FactorChangeInput },
  context: RequestContext,
): Promise<AddPasskeyResult> {
  const userId = current.user.id;
  const response = parseRegistrationResponse(input.registration);
  if (!response) return { status: 'invalid' };
  if ((await countPasskeys(userId)) >= MAX_PASSKEYS) return { status: 'limit' };
  const proof = await proveFactorChange(current, input.proof, 'mfa-enable', context);
  if (proof.status !== 'proven') return proof;
  const credential = await verifyRegistration(env.relyingParty, response, (challenge) =>
    consumeChallenge(challenge, 'register', { userId, sessionId: current.session.id }),
  );
  if (!credential) return { status: 'invalid' };
  const count = await countPasskeys(userId);
  if (count >= MAX_PASSKEYS) return { status: 'limit' };
  const name = cleanPasskeyName(input.name) ?? `Passkey ${count + 1}`;
  // Refused when the same credential id is registered already (excludeCredentials is only a hint).
  if (!(await createPasskey({ ...credential, userId, name }))) return { status: 'invalid' };
  const { session, revokedOthers } = await rotateCredentialsSessions(current.session, { reason: 'passkey-changed', mfaVerified: true, context });
  await recordSecurityEvent({ type: 'passkey.added', userId, sessionId: session.id, ...context, detail: { name, synced: credential.backedUp, provenWith: proof.with, revokedOthers } });
  notifyUser(userId, { kind: 'passkey-added', name });
  return { status: 'added', name };
}

export type RenamePasskeyResult = 'renamed' | 'not-found' | 'invalid-name';

export async function renamePasskey(current: Current, passkeyId: string, requestedName: string | undefined, context: RequestContext): Promise<RenamePasskeyResult> {
  const name = cleanPasskeyName(requestedName);
  if (!name) return 'invalid-name';
  if (!(await updatePasskeyName(current.user.id, passkeyId, name))) return 'not-found';
  // A label only: sign-in is unchanged, so other sessions stay (ADR 022).
  await recordSecurityEvent({ type: 'passkey.renamed', userId: current.user.id, sessionId: current.session.id, ...context, detail: { name } });
  return 'renamed';
}

export type RemovePasskeyResult = { status: 'removed' | 'not-found' | 'last-factor' } | Exclude<FactorChangeProof, { status: 'proven' }>;

/**
 * Removes one of the user's passkeys. A passkey is a second factor: removing the
 * last one from an account without TOTP would leave an MFA user with none, so
 * that is refused (turn on an authenticator app first).
 */
export async function removePasskey(current: Current, passkeyId: string, proofInput: FactorChangeInput, context: RequestContext): Promise<RemovePasskeyResult> {
  const userId = current.user.id;
  // Said before any check: no proof is spent on a passkey that is not there.
  if (!(await passkeyExists(userId, passkeyId))) return { status: 'not-found' };
  const proof = await proveFactorChange(current, proofInput, 'mfa-disable', context);
  if (proof.status !== 'proven') return proof;
  // Never the account's last second factor; a suspended one always (lib/dal/passkeys.ts).
  const result = await deletePasskey(userId, passkeyId);
  if (result.status !== 'removed') return { status: result.status };
  // Removing a suspended passkey (its proof the password alone) proves no second factor: the session keeps the level it had.
  const mfaVerified = proof.with !== 'password' || current.session.mfaVerified;
  const { session, revokedOthers } = await rotateCredentialsSessions(current.session, { reason: 'passkey-changed', mfaVerified, context });
  await recordSecurityEvent({ type: 'passkey.removed', userId, sessionId: session.id, ...context, detail: { name: result.name, provenWith: proof.with, revokedOthers } });
  notifyUser(userId, { kind: 'passkey-removed', name: result.name });
  return { status: 'removed' };
}
