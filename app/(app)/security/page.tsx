import type { Metadata } from 'next';
import Link from 'next/link';
import { requireFreshAuth } from '@/lib/dal/session';
import { fetchSecurityEvents, fetchSecuritySettings, fetchUserSessions } from '@/lib/dal/security';
import { formatDate } from '@/app/ui/format';
import { AlertIcon, KeyIcon, ShieldIcon } from '@/app/ui/icons';
import { describeEvents } from './describe';
import { LinkedIdentities } from './linked-identities';
import { Passkeys } from './passkeys';
import { SecurityEvents } from './security-events';
import { SessionsList } from './sessions-list';
import { SignInLockNotice } from './sign-in-lock-notice';

export const metadata: Metadata = { title: 'Security' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function noticeText(notice: unknown, count: unknown): { text: string; tone: 'success' | 'info' } | null {
  switch (notice) {
    case 'revoked':
      return { text: 'The session was signed out. That device will have to sign in again.', tone: 'success' };
    case 'others': {
      const n = Number(count);
      if (!Number.isInteger(n) || n <= 0) return { text: 'There were no other sessions to sign out.', tone: 'info' };
      return { text: `Signed out ${n === 1 ? '1 other session' : `${n} other sessions`}.`, tone: 'success' };
    }
    case 'not-found':
      return { text: 'That session was not found. It may already have ended.', tone: 'info' };
    case 'current':
      return { text: 'To end the session on this device, use Sign out.', tone: 'info' };
    default:
      return null;
  }
}

export default async function SecurityPage({ searchParams }: Props) {
  // Managing sessions needs a recent authentication (ASVS 7.5.2), viewing included.
  const current = await requireFreshAuth('/security');
  const now = new Date();
  const [sessions, eventRows, settings] = await Promise.all([
    fetchUserSessions(current.user.id, current.session.id),
    fetchSecurityEvents(current.user.id),
    fetchSecuritySettings(current.user.id),
  ]);
  const query = await searchParams;
  const notice = noticeText(query.notice, query.count);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Security</h1>
          <p className="subtitle">Your sessions, sign-in settings and recent security activity.</p>
        </div>
      </div>
      <SignInLockNotice email={current.user.email} now={now} />
      {notice ? (
        <p className={`alert alert-${notice.tone}`} role="status">
          {notice.text}
        </p>
      ) : null}
      <div className="grid-two">
        <div className="stack">
          <SessionsList sessions={sessions} now={now} />
          <Passkeys userId={current.user.id} totpEnabled={current.user.totpEnabled} notice={query.notice} />
          <LinkedIdentities userId={current.user.id} notice={query.notice} />
          <SecurityEvents events={describeEvents(eventRows, 20)} now={now} />
        </div>
        <section className="card" aria-labelledby="settings-heading">
          <h2 id="settings-heading">Sign-in settings</h2>
          <ul className="settings-list">
            <li className="settings-row">
              <span className="session-icon">
                <ShieldIcon />
              </span>
              <span className="session-title">
                Two-step verification
                {settings.totpEnabledAt ? <span className="badge badge-on">On</span> : <span className="badge badge-off">Off</span>}
              </span>
              <span className="session-meta">
                {settings.totpEnabledAt
                  ? `A code from your authenticator app is needed to sign in (since ${formatDate(settings.totpEnabledAt)}).`
                  : 'Add a code from an authenticator app to your sign-in.'}
              </span>
              <Link href="/security/mfa">{settings.totpEnabledAt ? 'Manage two-step verification' : 'Turn on two-step verification'}</Link>
            </li>
            <li className="settings-row">
              <span className="session-icon">
                <KeyIcon />
              </span>
              <span className="session-title">Password</span>
              <span className="session-meta">Last changed {formatDate(settings.passwordChangedAt)}.</span>
              <Link href="/security/password">Change password</Link>
            </li>
            <li className="settings-row">
              <span className="session-icon">
                <ShieldIcon />
              </span>
              <span className="session-title">Sign-in address</span>
              <span className="session-meta">You sign in with {current.user.email}. A change is confirmed from the new address.</span>
              <Link href="/security/email">Change sign-in address</Link>
            </li>
            <li className="settings-row">
              <span className="session-icon">
                <AlertIcon />
              </span>
              <span className="session-title">Delete account</span>
              <span className="session-meta">Signs out every device and removes your data. It cannot be undone.</span>
              <Link href="/security/delete">Delete account</Link>
            </li>
          </ul>
        </section>
      </div>
    </>
  );
}
