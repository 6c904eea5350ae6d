'use client';
// Shown for unexpected server errors: a friendly message and a digest to quote,
// never a stack trace.
import { AuthCard } from '@/app/ui/auth-card';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <AuthCard id="error-heading" title="Something went wrong" role="alert">
      <p>We could not complete that request. Please try again.</p>
      {error.digest ? <p className="hint">Reference: {error.digest}</p> : null}
      <button type="button" className="button button-primary" onClick={reset}>
        Try again
      </button>
    </AuthCard>
  );
}
