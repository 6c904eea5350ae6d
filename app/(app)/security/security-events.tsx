import { formatDateTime, formatRelative } from '@/app/ui/format';
import type { DescribedEvent } from './describe';

export function SecurityEvents({ events, now }: { events: DescribedEvent[]; now: Date }) {
  return (
    <section className="card" aria-labelledby="events-heading">
      <div className="card-header">
        <div>
          <h2 id="events-heading">Recent security events</h2>
          <p>Sign-ins, sign-outs and changes to your security settings.</p>
        </div>
      </div>
      {events.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <ol className="event-list">
          {events.map((event) => (
            <li key={event.id} className={`event-row ${event.tone === 'danger' ? 'event-danger' : ''}`}>
              <span className="event-title">{event.title}</span>
              <time dateTime={event.createdAt.toISOString()} title={formatDateTime(event.createdAt)}>
                {formatRelative(event.createdAt, now)}
              </time>
              <span className="event-meta">{[event.ipAddress ? `IP ${event.ipAddress}` : null, event.device].filter(Boolean).join(' · ') || '—'}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
