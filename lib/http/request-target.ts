// Which request targets server.ts hands to Next: origin-form only
// ("/path?query", RFC 9112 §3.2.1). Next answered `OPTIONS *` (asterisk-form)
// with a 500, and an absolute-form target (`GET http://evil.example/ HTTP/1.1`,
// meant for forward proxies) lets the client, not the Host header, name the
// URL Next builds; `CONNECT host:443` (authority-form) is no request for us either.
export function isOriginFormTarget(target: string | undefined): boolean {
  return typeof target === 'string' && target.startsWith('/');
}
