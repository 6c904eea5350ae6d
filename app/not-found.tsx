import type { Metadata } from 'next';
import Link from 'next/link';
import { HOME } from '@/lib/http/home';
import { APP_NAME } from '@/lib/config/app-name';

export const metadata: Metadata = { title: 'Not found' };

// Also what another user's account, transfer or session id answers: 404, not
// 403 — the response does not even confirm that the thing exists.
export default function NotFound() {
  return (
    <main className="auth-page">
      <section className="auth-card" aria-labelledby="not-found-heading">
        <p className="brand">{APP_NAME}</p>
        <h1 id="not-found-heading">Page not found</h1>
        <p>There is nothing here — or nothing you have access to.</p>
        <Link className="button button-primary" href={HOME.path}>
          Back to your {HOME.label}
        </Link>
      </section>
    </main>
  );
}
