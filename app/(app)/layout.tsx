import Link from 'next/link';
import { requireUser } from '@/lib/dal/session';
import { SignOutButton } from '@/app/ui/sign-out-button';

// Every page in this group is for signed-in users only. The check happens here
// and again in each page and action through the DAL — layouts alone are not a
// security boundary (they do not re-run on every navigation).
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const { user } = await requireUser();
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/dashboard" className="brand">
          Strongroom
        </Link>
        <nav aria-label="Main" className="topnav">
          <Link href="/dashboard">Dashboard</Link>
          <Link href="/transfers/new">Transfers</Link>
          <Link href="/security">Security</Link>
        </nav>
        <div className="topbar-user">
          <span className="user-name">{user.name}</span>
          <SignOutButton />
        </div>
      </header>
      <main id="main" className="content">
        {children}
      </main>
    </div>
  );
}
