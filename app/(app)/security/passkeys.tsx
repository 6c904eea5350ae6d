import { listPasskeys, PASSKEY_NAME_MAX } from '@/lib/auth/passkeys';
import { formatDate } from '@/app/ui/format';
import { KeyIcon } from '@/app/ui/icons';
import { SettingsCard, type Notices } from './settings-card';
import { AddPasskey } from './add-passkey';
import { renamePasskeyAction } from './passkey-actions';
import { RemovePasskey } from './remove-passkey';
import type { ExistingFactors } from './factor-proof-fields';

// "Passkeys": the user's passkeys with created / last used / synced or device-bound,
// a name to edit, and Remove. Adding or removing one signs out the other sessions.
// docs/decisions/022-passkeys.md
const notices: Notices = {
  'passkey-added': { text: 'Passkey added. You can now sign in with it. Your other sessions were signed out.', tone: 'success' },
  'passkey-renamed': { text: 'Passkey renamed.', tone: 'success' },
  'passkey-removed': { text: 'Passkey removed. It can no longer be used to sign in. Your other sessions were signed out.', tone: 'success' },
  'passkey-not-found': { text: 'That passkey was not found. It may already have been removed.', tone: 'info' },
  'passkey-invalid-name': { text: 'Enter a name for the passkey.', tone: 'error' },
  'passkey-last-factor': {
    text: 'This is your only second factor, so it cannot be removed. Turn on two-step verification with an authenticator app first.',
    tone: 'error',
  },
};

export async function Passkeys({ userId, totpEnabled, notice }: { userId: string; totpEnabled: boolean; notice?: string | string[] }) {
  const passkeys = await listPasskeys(userId);
  // A suspended passkey proves nothing (ADR 032): only usable ones are asked for.
  const factors: ExistingFactors = { hasTotp: totpEnabled, hasPasskey: passkeys.some((passkey) => !passkey.suspendedAt) };
  return (
    <SettingsCard id="passkeys" title="Passkeys" intro="Sign in with your fingerprint, face or device PIN instead of a password — phishing-resistant." notices={notices} notice={notice}>
      {passkeys.length === 0 ? (
        <p className="muted">No passkeys yet.</p>
      ) : (
        <ul className="session-list">
          {passkeys.map((passkey, index) => {
            const titleId = `passkey-title-${index}`;
            const nameId = `passkey-name-${index}`;
            return (
              <li key={passkey.id} className="session-row" data-testid="passkey">
                <span className="session-icon">
                  <KeyIcon />
                </span>
                <div>
                  <div className="session-title" id={titleId}>
                    {passkey.name}
                    {passkey.suspendedAt ? <span className="badge badge-suspended">Suspended</span> : null}
                  </div>
                  {passkey.suspendedAt ? (
                    <p className="session-meta" role="note" data-testid="passkey-suspended">
                      Suspended {formatDate(passkey.suspendedAt)}: a copy of this passkey was used, so it no longer signs you in or confirms
                      anything. Remove it, then add a new passkey.
                    </p>
                  ) : null}
                  <div className="session-meta">
                    {passkey.synced ? 'Synced passkey' : 'Device-bound passkey'} · Created {formatDate(passkey.createdAt)} ·{' '}
                    {passkey.lastUsedAt ? `Last used ${formatDate(passkey.lastUsedAt)}` : 'Not used yet'}
                  </div>
                  <form action={renamePasskeyAction} className="passkey-rename">
                    <input type="hidden" name="passkeyId" value={passkey.id} />
                    <div className="field">
                      <label htmlFor={nameId}>Name</label>
                      <input id={nameId} name="name" type="text" defaultValue={passkey.name} maxLength={PASSKEY_NAME_MAX} required autoComplete="off" />
                    </div>
                    <button type="submit" className="button button-secondary button-small" aria-describedby={titleId}>
                      Rename
                    </button>
                  </form>
                </div>
                <RemovePasskey passkeyId={passkey.id} index={index} titleId={titleId} factors={factors} />
              </li>
            );
          })}
        </ul>
      )}
      <AddPasskey maxName={PASSKEY_NAME_MAX} factors={factors} />
    </SettingsCard>
  );
}
