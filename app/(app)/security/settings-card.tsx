// One card of the security centre: a heading, a line saying what it is for,
// and the outcome notice of the last change made in it (?notice=… after a
// server action's redirect; unknown values show nothing).
export type Notices = Record<string, { text: string; tone: 'success' | 'info' | 'error' }>;

export function SettingsCard(props: {
  id: string;
  title: string;
  intro: string;
  notices: Notices;
  notice?: string | string[];
  children: React.ReactNode;
}) {
  const shown = typeof props.notice === 'string' ? props.notices[props.notice] : undefined;
  const headingId = `${props.id}-heading`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="card-header">
        <div>
          <h2 id={headingId}>{props.title}</h2>
          <p>{props.intro}</p>
        </div>
      </div>
      {shown ? (
        <p className={`alert alert-${shown.tone}`} role={shown.tone === 'error' ? 'alert' : 'status'} data-spaced="bottom">
          {shown.text}
        </p>
      ) : null}
      {props.children}
    </section>
  );
}
