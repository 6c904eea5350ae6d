import type { Metadata } from 'next';
import Link from 'next/link';
import { requireFreshAuth } from '@/lib/dal/session';
import { getMfaStatus } from '@/lib/auth/credentials';
import { MfaSettings } from './mfa-settings';
import styles from './mfa.module.css';

export const metadata: Metadata = { title: 'Two-step verification' };

export default async function MfaSettingsPage() {
  const { user } = await requireFreshAuth('/security/mfa');
  const status = await getMfaStatus(user);
  return (
    <section className={`card ${styles.panel}`} aria-labelledby="mfa-heading">
      <h1 id="mfa-heading">Two-step verification</h1>
      <MfaSettings
        hasPasskey={user.hasPasskey}
        status={
          status.state === 'on'
            ? { state: 'on', enabledAt: status.enabledAt.toISOString(), recoveryCodesLeft: status.recoveryCodesLeft }
            : status.state === 'setup'
              ? { state: 'setup', manualKey: status.manualKey, qrDataUrl: status.qrDataUrl }
              : { state: 'off' }
        }
      />
      <p className="hint">
        <Link href="/security">Back to security</Link>
      </p>
    </section>
  );
}
