'use server';
// Step-up with a passkey; with `authorisation`, the assertion approves that one
// payment (its challenge is derived from the payment). lib/auth/passkeys/passkey-step-up.ts
import { redirect } from 'next/navigation';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { requireUser } from '@/lib/dal/session';
import { beginPasskeyStepUp, completePasskeyStepUp } from '@/lib/auth/passkeys';
import { SIGN_IN_BLOCKED, SIGN_IN_BLOCKED_PATH } from '@/lib/auth/sign-in';
import { safeNextPath } from '@/lib/http/safe-redirect';
// demo-bank:begin
import { isAuthorisationId } from '@/lib/banking/transfer-authorisation';
import { approveAuthorisation } from '@/lib/dal/transfers';

const authorisationOf = (value: unknown) => (isAuthorisationId(value) ? value : undefined);
// demo-bank:instead const authorisationOf = (_value: unknown): string | undefined => undefined;
// demo-bank:end

export async function beginPasskeyStepUpAction(authorisation?: unknown): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const current = await requireUser();
  return (await beginPasskeyStepUp(current, authorisationOf(authorisation))) ?? null;
}

export async function finishPasskeyStepUpAction(response: unknown, next: unknown, authorisation?: unknown): Promise<{ error?: string }> {
  const current = await requireUser();
  const authorisationId = authorisationOf(authorisation);
  const result = await completePasskeyStepUp(current, response, authorisationId, current.context);
  switch (result.status) {
    case 'ok':
      // demo-bank:begin
      if (authorisationId) {
        const approved = await approveAuthorisation(
          { id: authorisationId, userId: current.user.id, fromSessionId: current.session.id, toSessionId: result.sessionId, method: 'passkey' },
          current.context,
        );
        if (!approved) return { error: 'That payment approval has expired or was already used. Check the transfer and send it again.' };
      }
      // demo-bank:end
      redirect(safeNextPath(typeof next === 'string' ? next.slice(0, 2048) : undefined));
    case 'locked':
      redirect(SIGN_IN_BLOCKED_PATH);
    case 'blocked':
      return { error: SIGN_IN_BLOCKED };
    case 'invalid':
      return { error: authorisationId ? 'That passkey did not approve this payment. Try again.' : 'That passkey could not confirm it’s you. Try again.' };
  }
}
