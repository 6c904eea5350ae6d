// The client address, made trustworthy at the edge of our process. Next keeps
// whatever X-Forwarded-For a client sends, so server.ts rewrites the
// header from the socket before Next sees it:
//   no trusted proxy: X-Forwarded-For = <socket address>             (client's value dropped)
//   TRUST_PROXY:      X-Forwarded-For = <chain from proxy>, <socket>  (the proxy appended the client)
// and clientAddress() reads the entry one hop further in per trusted proxy.

export function rewriteForwardedFor(incoming: string | string[] | undefined, socketAddress: string | undefined, trustProxy: boolean): string {
  const socket = socketAddress ?? '';
  if (!trustProxy) return socket;
  const chain = (Array.isArray(incoming) ? incoming.join(',') : (incoming ?? '')).trim();
  return chain ? `${chain}, ${socket}` : socket;
}

export function clientAddress(forwardedFor: string | null, trustProxy: boolean): string | null {
  const entries = (forwardedFor ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  // Rightmost = our socket peer; with one trusted proxy, the entry it appended is next.
  return entries.at(trustProxy ? -2 : -1) ?? null;
}
