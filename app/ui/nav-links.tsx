'use client';
// Main navigation; marks the current section for sighted and screen-reader users alike.
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const links = [
  // demo-bank:begin
  { href: '/dashboard', label: 'Dashboard', section: ['/dashboard', '/accounts'] },
  { href: '/transfers/new', label: 'Transfers', section: ['/transfers'] },
  // demo-bank:instead { href: '/profile', label: 'Profile', section: ['/profile'] },
  // demo-bank:end
  { href: '/security', label: 'Security', section: ['/security'] },
];

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="topnav-list">
      {links.map((link) => {
        const active = link.section.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
        return (
          <li key={link.href}>
            <Link href={link.href} aria-current={active ? 'page' : undefined}>
              {link.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
