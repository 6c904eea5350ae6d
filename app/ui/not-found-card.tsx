import Link from 'next/link';
import { HOME } from '@/lib/http/home';

// 404 inside the signed-in area (another user's id, a mistyped link): the same
// answer whether or not the thing exists.
export function NotFoundCard({ what }: { what: string }) {
  return (
    <section className="card empty-state" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">{what} not found</h1>
      <p>There is nothing here — or nothing you have access to.</p>
      <Link className="button button-primary" href={HOME.path}>
        Back to your {HOME.label}
      </Link>
    </section>
  );
}
