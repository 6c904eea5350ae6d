'use client';
// An unexpected error inside the signed-in area: the navigation stays usable,
// the user gets a plain message and a reference, never a stack trace.
import { HOME } from '@/lib/http/home';

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="card empty-state" role="alert" aria-labelledby="error-heading">
      <h1 id="error-heading">Something went wrong</h1>
      <p>We could not show this page. If you were sending money, check your recent transfers before trying again.</p>
      {error.digest ? <p className="hint">Reference: {error.digest}</p> : null}
      <div className="actions">
        <button type="button" className="button button-primary" onClick={reset}>
          Try again
        </button>
        <a className="button button-secondary" href={HOME.path}>
          Go to {HOME.label}
        </a>
      </div>
    </section>
  );
}
