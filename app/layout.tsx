import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import './globals.css';
import { APP_NAME } from '@/lib/config/app-name';

export const metadata: Metadata = {
  title: { default: APP_NAME, template: `%s · ${APP_NAME}` },
  description: 'A demo bank with session security a security review would sign off on.',
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0f2a3d' };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Render every page per request: Next only applies the CSP nonce to dynamic
  // pages, and a prerendered page would never hydrate under a nonce CSP.
  await connection();
  return (
    <html lang="en-GB">
      <body>{children}</body>
    </html>
  );
}
