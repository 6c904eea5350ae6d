import type { Metadata } from 'next';
import Link from 'next/link';
import { HOME } from '@/lib/http/home';
import { AuthCard } from '@/app/ui/auth-card';

export const metadata: Metadata = { title: 'Not found' };

// Also what another user's account, transfer or session id answers: 404, not
// 403 — the response does not even confirm that the thing exists.
export default function NotFound() {
  return (
    <AuthCard id="not-found-heading" title="Page not found">
      <p>There is nothing here — or nothing you have access to.</p>
      <Link className="button button-primary" href={HOME.path}>
        Back to your {HOME.label}
      </Link>
    </AuthCard>
  );
}
