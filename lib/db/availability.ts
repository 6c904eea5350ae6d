// Is the database reachable? A process-wide view that costs nothing while the
// database is healthy: it only turns "suspect" when a query fails for want of a
// connection (or the pool reports its connections dropped), and then one
// cheap probe at most every `recheckMs` decides until the database answers
// again. Middleware uses it to answer a calm 503 instead of letting every page
// fail on its own (docs/decisions/025-outage-and-fuzzing.md).
// Framework-free; lib/db/index.ts holds the app's one instance.

export type AvailabilityMonitor = {
  /** A connection-level failure was seen: probe before trusting the database again. */
  markSuspect(reason: unknown): void;
  /** A query just succeeded (the health probe): the database is back, whatever was seen before. */
  markReachable(): void;
  /** 'down' only while suspect and the latest probe failed; never probes a healthy database. */
  check(): Promise<'up' | 'down'>;
};

export type MonitorOptions = {
  probe: () => Promise<unknown>;
  recheckMs?: number;
  probeTimeoutMs?: number;
  now?: () => number;
  log?: (line: string) => void;
};

export function createAvailabilityMonitor(options: MonitorOptions): AvailabilityMonitor {
  const recheckMs = options.recheckMs ?? 1_000;
  const probeTimeoutMs = options.probeTimeoutMs ?? 2_000;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.error(line));
  let suspect = false;
  let lastProbe: { at: number; up: boolean } | null = null;
  let inFlight: Promise<boolean> | null = null;

  async function probeOnce(): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        options.probe(),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('probe timed out')), probeTimeoutMs))),
      ]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    markSuspect(reason) {
      if (!suspect) log(`[db] database unreachable (${describe(reason)}); answering 503 until it is back`);
      suspect = true;
      lastProbe = { at: now(), up: false };
    },
    markReachable() {
      if (suspect) log('[db] database reachable again');
      suspect = false;
      lastProbe = { at: now(), up: true };
    },
    async check() {
      if (!suspect) return 'up';
      if (lastProbe && now() - lastProbe.at < recheckMs) return lastProbe.up ? 'up' : 'down';
      // One probe for all the requests that arrive meanwhile.
      inFlight ??= probeOnce().finally(() => (inFlight = null));
      const up = await inFlight;
      lastProbe = { at: now(), up };
      if (up && suspect) {
        suspect = false;
        log('[db] database reachable again');
      }
      return up ? 'up' : 'down';
    },
  };
}

// Failures that mean "no connection", not "bad query": the driver adapters'
// error kinds, pg's socket codes and PostgreSQL's shutdown / startup states.
const UNREACHABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE',
  'P1001', 'P1002', 'P1017', 'P2024',
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006',
]);
const UNREACHABLE_MESSAGE = /Connection terminated|connection (?:is )?closed|ECONNREFUSED|terminating connection|the database system is (?:shutting down|starting up)|Can't reach database server|DatabaseNotReachable|ConnectionClosed/i;

/** True when `error` (or anything it wraps) says the database could not be reached. */
export function isDatabaseUnreachableError(error: unknown, depth = 0): boolean {
  if (depth > 5 || error === null || typeof error !== 'object') return false;
  const e = error as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  if (typeof e.kind === 'string' && UNREACHABLE_KINDS.has(e.kind)) return true;
  if (typeof e.code === 'string' && UNREACHABLE_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && UNREACHABLE_MESSAGE.test(e.message)) return true;
  return isDatabaseUnreachableError(e.cause, depth + 1) || isDatabaseUnreachableError(e.meta?.driverAdapterError, depth + 1);
}

/** Prisma's messages start with a blank line and "Invalid `…` invocation:"; the cause is the last line. */
function describe(reason: unknown): string {
  const text = reason instanceof Error ? reason.message : String(reason);
  return (text.split('\n').map((line) => line.trim()).filter(Boolean).at(-1) ?? '').slice(0, 200);
}
