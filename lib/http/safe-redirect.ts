// `next=` targets after login: only same-site relative paths, so a crafted link
// cannot bounce a freshly signed-in user to another origin (open redirect).
import { HOME } from './home';

export function safeNextPath(input: string | null | undefined, fallback: string = HOME.path): string {
  if (!input || input.length > 2048) return fallback;
  // "/x" yes; "//evil", "/\evil", "http:…", control characters no.
  if (!input.startsWith('/') || isSchemeRelative(input)) return fallback;
  if (/[\u0000-\u001f\\]/.test(input)) return fallback;
  try {
    const url = new URL(input, 'http://same.invalid');
    if (url.origin !== 'http://same.invalid') return fallback;
    if (url.pathname.startsWith('/login') || url.pathname.startsWith('/logout')) return fallback;
    const path = `${url.pathname}${url.search}`;
    // Checked again after normalisation: dot segments collapse, so "/.//evil.com",
    // "/%2e//evil.com" and "/a/..//evil.com" all come out as "//evil.com", which a
    // browser reads as another host.
    return isSchemeRelative(path) ? fallback : path;
  } catch {
    return fallback;
  }
}

/** "//host" or "/\host": browsers treat both as a URL on another host. */
function isSchemeRelative(path: string): boolean {
  return /^\/[/\\]/.test(path);
}
