import Link from 'next/link';
import { requireUser } from '@/lib/dal/session';
import { HOME } from '@/lib/http/home';
import { sessionPolicy } from '@/lib/session';
import { IdleWarning } from '@/app/ui/idle-warning';
import { LogoMark } from '@/app/ui/icons';
import { NavLinks } from '@/app/ui/nav-links';
import { SignOutButton } from '@/app/ui/sign-out-button';
import { APP_NAME } from '@/lib/config/app-name';

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
        <div className="topbar-inner">
          <Link href={HOME.path} className="brand">
            <LogoMark className="brand-mark" />
            <span>{APP_NAME}</span>
          </Link>
          <nav aria-label="Main" className="topnav">
            <NavLinks />
          </nav>
          <div className="topbar-user">
            {/* Who is signed in, on every signed-in page: what the e2e suite checks for. */}
            <Link href="/profile" className="user-name" title={user.email}>
              {user.name}
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <p>{APP_NAME} is a demo bank. No real money moves here.</p>
      </footer>
      <IdleWarning idleTimeoutMs={sessionPolicy.idleTimeoutMs} />
    </div>
  );
}
