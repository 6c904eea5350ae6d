// How slowly this server is answering right now, measured by the production
// server (server.ts) and signed into each request's arrival stamp. The
// rotation rule uses it to tell a rotation's response that is still being
// rendered from one that was lost (docs/decisions/035-stale-secrets-retry.md).
//
// Lag = the longest of: the time to response headers of the GET/HEAD requests
// answered in the last `windowMs`, and the age of the oldest GET/HEAD request
// still unanswered. Only requests without a body count: a client that trickles
// a body in could otherwise make the server look slow at will.

type Answered = { at: number; tookMs: number };

export type ServerLag = {
  /** A GET/HEAD request arrived at `at`; call the returned function with the time its response headers were written. */
  started(at: number): (answeredAt: number) => void;
  /** The lag as of `now`, in whole milliseconds. */
  current(now: number): number;
};

export function createServerLag(windowMs = 30_000): ServerLag {
  // Insertion order is arrival order, so the first entry is the oldest unanswered request.
  const unanswered = new Map<number, number>();
  // The answered requests of the window that no later one outlasted, slowest first: its head is the window's maximum.
  const slowest: Answered[] = [];
  let nextId = 0;

  function dropExpired(now: number): void {
    while (slowest.length > 0 && slowest[0]!.at < now - windowMs) slowest.shift();
  }

  return {
    started(at) {
      const id = nextId++;
      unanswered.set(id, at);
      let done = false;
      return (answeredAt) => {
        if (done) return;
        done = true;
        unanswered.delete(id);
        const tookMs = answeredAt - at;
        while (slowest.length > 0 && slowest[slowest.length - 1]!.tookMs <= tookMs) slowest.pop();
        slowest.push({ at: answeredAt, tookMs });
      };
    },
    current(now) {
      dropExpired(now);
      const oldest = unanswered.values().next();
      const waiting = oldest.done ? 0 : now - oldest.value;
      return Math.max(0, Math.round(Math.max(waiting, slowest[0]?.tookMs ?? 0)));
    },
  };
}
