import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/dal/session';
import { safeNextPath } from '@/lib/http/safe-redirect';
import { ReauthForm } from './reauth-form';
import styles from './reauth.module.css';

export const metadata: Metadata = { title: 'Confirm it’s you' };

// Where requireFreshAuth() sends a user whose last authentication is older than
// the fresh-auth window (ASVS 7.5). After success they return to `next`.
export default async function ReauthPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user } = await requireUser();
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === 'string' ? params.next : undefined);
  return (
    <section className={`card ${styles.panel}`} aria-labelledby="reauth-heading">
      <h1 id="reauth-heading">Confirm it’s you</h1>
      <p id="reauth-help">
        This action needs a recent sign-in. Enter your password{user.totpEnabled ? ' and a code from your authenticator app' : ''} to
        continue.
      </p>
      <ReauthForm next={next} email={user.email} totpEnabled={user.totpEnabled} />
      <p className="hint">
        <Link href="/dashboard">Cancel and go to the dashboard</Link>
      </p>
    </section>
  );
}
