'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { env } from '@/lib/env';
import { requireUser } from '@/lib/dal/session';
import { formText } from '@/lib/auth/input';
import { SIGN_IN_BLOCKED_PATH, SIGN_IN_BLOCKED } from '@/lib/auth/sign-in';
import { MAX_CODE_INPUT } from '@/lib/auth/mfa';
import { reauthenticate } from '@/lib/auth/step-up';
// demo-bank:begin
import { isAuthorisationId } from '@/lib/banking/transfer-authorisation';
import { PAYMENT_NEEDS_SECOND_FACTOR } from '@/lib/banking/sca-policy';
import { approveAuthorisation } from '@/lib/dal/transfers';
// demo-bank:end
import { requestContextFromHeaders } from '@/lib/http/request-context';
import { safeNextPath } from '@/lib/http/safe-redirect';

export type ReauthState = { error?: string };

export async function reauthenticateAction(_previous: ReauthState, formData: FormData): Promise<ReauthState> {
  const current = await requireUser();
  const password = formText(formData, 'password', 1100);
  const code = formText(formData, 'code', MAX_CODE_INPUT).trim();
  const next = safeNextPath(formText(formData, 'next', 2100));
  // demo-bank:begin
  // Set when this step-up approves one transfer (the page showed its amount and payee).
  const authorisationId = formText(formData, 'authorisation', 64);
  // demo-bank:end
  if (!password) return { error: 'Enter your password.' };
  if (password.length > 1024) return { error: 'That password is too long (at most 1024 characters).' };
  // demo-bank:begin
  // Two factors or none: the password alone never approves a payment (PSD2 RTS Art. 4).
  if (isAuthorisationId(authorisationId) && !current.user.totpEnabled && !current.user.hasPasskey) return { error: PAYMENT_NEEDS_SECOND_FACTOR };
  // demo-bank:end
  if (current.user.totpEnabled && !code) return { error: 'Enter the code from your authenticator app.' };

  const context = requestContextFromHeaders(await headers(), env.TRUST_PROXY);
  const result = await reauthenticate(current, { password, code }, context);
  switch (result.status) {
    case 'ok':
      // demo-bank:begin
      if (isAuthorisationId(authorisationId) && result.method === 'password+totp') {
        // Produce the proof for exactly that transfer, for the regenerated session.
        // Gone or expired meanwhile: the form asks again when it is sent.
        await approveAuthorisation(
          { id: authorisationId, userId: current.user.id, fromSessionId: current.session.id, toSessionId: result.sessionId, method: result.method },
          context,
        );
      }
      // demo-bank:end
      redirect(next);
    case 'locked':
      // The lock revoked every session, this one included.
      redirect(SIGN_IN_BLOCKED_PATH);
    case 'blocked':
      return { error: SIGN_IN_BLOCKED };
    case 'invalid':
    case 'passkey-required':
      return { error: result.message };
  }
}
