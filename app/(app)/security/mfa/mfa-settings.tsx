'use client';
// One component for every state of the page, so the recovery codes returned by
// the confirmation survive the page refreshing into its "on" state: they are
// shown exactly once, from this component's state, and never stored readable.
import Link from 'next/link';
import { useActionState } from 'react';
import { cancelSetupAction, confirmSetupAction, disableAction, startSetupAction, type MfaSettingsState } from './actions';
import styles from './mfa.module.css';
import { AuthenticationCodeField } from '@/app/ui/code-field';
import { attachPasskeyProof } from '../factor-proof-fields';
import { beginFactorChangeProofAction } from '../passkey-actions';
import { FormAlert } from '@/app/ui/form-alert';
import { APP_NAME } from '@/lib/config/app-name';

export type MfaView =
  | { state: 'off' }
  | { state: 'setup'; manualKey: string; qrDataUrl: string }
  | { state: 'on'; enabledAt: string; recoveryCodesLeft: number };

function CurrentPasswordField({ id, describedBy, invalid }: { id: string; describedBy?: string; invalid: boolean }) {
  return (
    <div className="field">
      <label htmlFor={id}>Current password</label>
      <input
        id={id}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        maxLength={1024}
        aria-describedby={describedBy}
        aria-invalid={invalid ? true : undefined}
      />
    </div>
  );
}

export function MfaSettings({ status, hasPasskey }: { status: MfaView; hasPasskey: boolean }) {
  // A passkey holder confirms with the passkey too, in the same request (ADR 030).
  const [confirmState, confirmAction, confirming] = useActionState<MfaSettingsState, FormData>(async (previous, formData) => {
    const refused = await attachPasskeyProof(formData, { hasTotp: false, hasPasskey }, beginFactorChangeProofAction);
    return refused ? { error: refused } : confirmSetupAction(previous, formData);
  }, {});
  const [disableState, disableFormAction, disabling] = useActionState<MfaSettingsState, FormData>(disableAction, {});

  if (confirmState.recoveryCodes && status.state === 'on') {
    return (
      <div className={styles.panel}>
        <p className={`alert ${styles.status}`} role="status">
          Two-step verification is on. Your other sessions were signed out.
        </p>
        <h2 id="recovery-heading">Save your recovery codes</h2>
        <p>
          If you lose your phone, each of these codes signs you in once. Store them somewhere safe, like a password manager.
          <strong> They are shown only now.</strong>
        </p>
        <ul className={styles.codes} aria-labelledby="recovery-heading" data-testid="recovery-codes">
          {confirmState.recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <div className={styles.actions}>
          <Link className="button button-primary" href="/security">
            I have saved my codes
          </Link>
        </div>
      </div>
    );
  }

  if (status.state === 'on') {
    return (
      <div className={styles.panel}>
        <FormAlert id="disable-error" error={disableState.error} />
        <p>
          Two-step verification is <strong>on</strong> since{' '}
          {new Date(status.enabledAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}. Signing in
          needs your password and a code from your authenticator app.
        </p>
        <p>
          Recovery codes left: <strong>{status.recoveryCodesLeft}</strong>
          {status.recoveryCodesLeft <= 3 ? ' — turn two-step verification off and on again for a fresh set.' : null}
        </p>
        <h2>Turn off two-step verification</h2>
        <form action={disableFormAction} className="form" noValidate>
          <CurrentPasswordField id="disable-password" describedBy={disableState.error ? 'disable-error' : undefined} invalid={Boolean(disableState.error)} />
          <AuthenticationCodeField
            id="disable-code"
            describedBy={disableState.error ? 'disable-error' : undefined}
            invalid={Boolean(disableState.error)}
            hint="A current code from your app, or a recovery code."
          />
          <div className={styles.actions}>
            <button type="submit" className="button button-danger" disabled={disabling}>
              {disabling ? 'Turning off…' : 'Turn off two-step verification'}
            </button>
          </div>
        </form>
      </div>
    );
  }

  if (status.state === 'setup') {
    return (
      <div className={styles.panel}>
        <FormAlert id="confirm-error" error={confirmState.error} />
        <ol className={styles.steps}>
          <li>Open an authenticator app (for example Aegis, Google Authenticator or 1Password).</li>
          <li>Scan this QR code, or enter the setup key by hand.</li>
          <li>Enter the 6-digit code the app shows to finish.</li>
        </ol>
        {/* A data: URL (the CSP allows img-src data:), rendered on the server: the key never leaves for a third party. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img className={styles.qr} src={status.qrDataUrl} width={220} height={220} alt={`QR code for adding ${APP_NAME} to an authenticator app`} />
        <p>
          Setup key: <code className={styles.key} data-testid="totp-manual-key">{status.manualKey}</code>
        </p>
        <p className="hint">Time-based, 6 digits, every 30 seconds (SHA-1) — the defaults of every authenticator app.</p>
        <form action={confirmAction} className="form" noValidate>
          <CurrentPasswordField id="setup-password" describedBy={confirmState.error ? 'confirm-error' : undefined} invalid={Boolean(confirmState.error)} />
          <div className="field">
            <label htmlFor="setup-code">Code from your app</label>
            <input
              id="setup-code"
              name="code"
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]*"
              required
              maxLength={16}
              aria-describedby={confirmState.error ? 'confirm-error' : undefined}
              aria-invalid={confirmState.error ? true : undefined}
            />
          </div>
          {hasPasskey ? <p className="hint">Your passkey will confirm this change.</p> : null}
          <div className={styles.actions}>
            <button type="submit" className="button button-primary" disabled={confirming}>
              {confirming ? 'Checking…' : 'Turn on two-step verification'}
            </button>
          </div>
        </form>
        <form action={cancelSetupAction}>
          <button type="submit" className="button">
            Cancel setup
          </button>
        </form>
      </div>
    );
  }

  return (
    <div className={styles.panel}>
      {disableState.message ? (
        <p className={`alert ${styles.status}`} role="status">
          {disableState.message}
        </p>
      ) : null}
      <p>
        Two-step verification is <strong>off</strong>. Turn it on so that a stolen password alone cannot open your account: signing
        in will also need a code from an authenticator app on your phone.
      </p>
      <form action={startSetupAction}>
        <button type="submit" className="button button-primary">
          Set up an authenticator app
        </button>
      </form>
    </div>
  );
}
