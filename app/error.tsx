'use client';
// Shown for unexpected server errors: a friendly message and a digest to quote,
// never a stack trace.
import { APP_NAME } from '@/lib/config/app-name';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="auth-page">
      <section className="auth-card" role="alert" aria-labelledby="error-heading">
        <p className="brand">{APP_NAME}</p>
        <h1 id="error-heading">Something went wrong</h1>
        <p>We could not complete that request. Please try again.</p>
        {error.digest ? <p className="hint">Reference: {error.digest}</p> : null}
        <button type="button" className="button button-primary" onClick={reset}>
          Try again
        </button>
      </section>
    </main>
  );
}
