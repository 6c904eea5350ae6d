// `next=` targets after login: only same-site relative paths, so a crafted link
// cannot bounce a freshly signed-in user to another origin (open redirect).
export function safeNextPath(input: string | null | undefined, fallback = '/dashboard'): string {
  if (!input || input.length > 2048) return fallback;
  // "/x" yes; "//evil", "/\evil", "http:…", control characters no.
  if (!input.startsWith('/') || input.startsWith('//') || input.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\\]/.test(input)) return fallback;
  try {
    const url = new URL(input, 'http://same.invalid');
    if (url.origin !== 'http://same.invalid') return fallback;
    if (url.pathname.startsWith('/login') || url.pathname.startsWith('/logout')) return fallback;
    return `${url.pathname}${url.search}`;
  } catch {
    return fallback;
  }
}
