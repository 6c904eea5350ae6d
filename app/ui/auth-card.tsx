// The signed-out pages' card: the app's name, the page's heading (which names
// the card for assistive technology) and its content — one definition for
// sign-in, sign-up, reset and every mailed link's landing page.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { APP_NAME } from '@/lib/config/app-name';

/** `role="alert"`: the error page, whose whole card is the message. */
export function AuthCard({ id, title, role, children }: { id: string; title: string; role?: 'alert'; children: ReactNode }) {
  return (
    <main className="auth-page">
      <section className="auth-card" role={role} aria-labelledby={id}>
        <p className="brand">{APP_NAME}</p>
        <h1 id={id}>{title}</h1>
        {children}
      </section>
    </main>
  );
}

/** A mailed link that no longer works: why, and where to go instead (sign in, unless `children` says more). */
export function LinkRefused({ message, children }: { message: string; children?: ReactNode }) {
  return (
    <>
      <p className="alert alert-error" role="alert">
        {message}
      </p>
      <p>{children ?? <Link href="/login">Sign in</Link>}</p>
    </>
  );
}
