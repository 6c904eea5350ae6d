import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="auth-page">
      <section className="auth-card">
        <h1>Not found</h1>
        <p>There is nothing here — or nothing you have access to.</p>
        <Link href="/dashboard">Back to your dashboard</Link>
      </section>
    </main>
  );
}
