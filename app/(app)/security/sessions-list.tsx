import type { SessionListItem } from '@/lib/dal/security';
import { formatDateTime, formatRelative } from '@/app/ui/format';
import { DesktopIcon, PhoneIcon } from '@/app/ui/icons';
import { revokeSession, signOutOtherSessions } from './actions';
import { describeUserAgent } from './describe';

export function SessionsList({ sessions, now }: { sessions: SessionListItem[]; now: Date }) {
  const others = sessions.filter((session) => !session.isCurrent).length;
  return (
    <section className="card" aria-labelledby="sessions-heading">
      <div className="card-header">
        <div>
          <h2 id="sessions-heading">Where you’re signed in</h2>
          <p>
            {sessions.length === 1 ? 'Only this device.' : `${sessions.length} active sessions.`} Don’t recognise one? Sign it out and change your
            password.
          </p>
        </div>
      </div>
      <ul className="session-list">
        {sessions.map((session) => {
          const device = describeUserAgent(session.userAgent);
          const titleId = `session-${session.id}`;
          return (
            <li key={session.id} className="session-row" data-testid="session-row">
              <span className="session-icon">{device.kind === 'mobile' || device.kind === 'tablet' ? <PhoneIcon /> : <DesktopIcon />}</span>
              <div>
                <div className="session-title" id={titleId}>
                  {device.label}
                  {session.isCurrent ? <span className="badge badge-current">This device</span> : null}
                </div>
                <div className="session-meta">
                  Last active{' '}
                  <time dateTime={session.lastSeenAt.toISOString()} title={formatDateTime(session.lastSeenAt)}>
                    {formatRelative(session.lastSeenAt, now)}
                  </time>{' '}
                  · IP {session.ipAddress ?? 'unknown'}
                </div>
                <div className="session-meta">Signed in {formatDateTime(session.createdAt)}</div>
              </div>
              {session.isCurrent ? null : (
                <form action={revokeSession}>
                  <input type="hidden" name="sessionId" value={session.id} />
                  <button type="submit" className="button button-danger button-small" aria-describedby={titleId}>
                    Revoke
                  </button>
                </form>
              )}
            </li>
          );
        })}
      </ul>
      {others > 0 ? (
        <form action={signOutOtherSessions} className="actions" data-spaced="top">
          <button type="submit" className="button button-secondary">
            Sign out all other sessions
          </button>
        </form>
      ) : null}
    </section>
  );
}
