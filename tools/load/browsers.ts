// Simulated browsers for load tests. Each browser has one cookie jar shared by
// its tabs (as real tabs share one); each tab keeps a few requests in flight. A
// request carries the jar's cookie as it is when the request is sent, and the
// jar takes every Set-Cookie when its response's headers arrive, as a browser
// does — late responses included, in whatever order they come. That is exactly the race rotation
// must survive.
import diagnostics from 'node:diagnostics_channel';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const SESSION_COOKIE = '__Host-session';
// Tags each request so the moment its headers reach the socket can be matched to it.
const REQUEST_ID_HEADER = 'x-load-request';
const REQUEST_ID_LINE = new RegExp(`\\r\\n${REQUEST_ID_HEADER}: (\\d+)\\r\\n`);

export type Route = { path: string; kind: 'page' | 'json' };
export type Outcome = 'ok' | 'signed-out' | 'server-error' | 'unexpected' | 'network-error';
export type Incident = { at: number; browser: number; path: string; outcome: Outcome; status: number; location: string | null };

export class CookieJar {
  constructor(public value: string | null) {}

  /** Applies a response's Set-Cookie for the session cookie, deletions included. */
  take(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      if (!header.startsWith(`${SESSION_COOKIE}=`)) continue;
      const value = header.slice(SESSION_COOKIE.length + 1).split(';')[0] ?? '';
      this.value = value === '' || /max-age=0/i.test(header) ? null : value;
    }
  }

  header(): Record<string, string> {
    return this.value ? { cookie: `${SESSION_COOKIE}=${this.value}` } : {};
  }
}

// Safari's limit; Chromium and Firefox allow 20.
const MAX_REDIRECTS = 16;

function isSentBack(response: Response, route: Route): boolean {
  const location = response.headers.get('location');
  if (response.status !== 307 || location === null) return false;
  const target = new URL(location, 'http://x');
  return `${target.pathname}${target.search}` === route.path;
}

function classify(response: Response): Outcome {
  const location = response.headers.get('location');
  if (response.status === 401 || (location !== null && new URL(location, 'http://x').pathname === '/login')) return 'signed-out';
  if (response.status >= 500) return 'server-error';
  return response.status === 200 ? 'ok' : 'unexpected';
}

export type DriveOptions = {
  baseURL: string;
  jars: CookieJar[];
  tabsPerBrowser: number;
  inFlightPerTab: number;
  durationMs: number;
  routes: Route[];
  /** Gives up on one request after this long (counted as a network error). */
  requestTimeoutMs?: number;
};

export type DriveResult = {
  latenciesMs: number[];
  /**
   * fetch() called (the jar read) → its headers written to the socket. A busy
   * load generator delays the write: the cookie then arrives older than a
   * browser, which reads it when it sends, would send it.
   */
  unsentMs: number[];
  /** fetch() called → response headers received (the cookie is taken then). */
  headersMs: number[];
  /** Request id → wall-clock ms its headers were written to the socket (matched with the server's hand-over time). */
  writtenAt: Map<string, number>;
  /** The load generator's own event-loop delay: a late loop takes responses (and cookies) late. */
  clientLoopDelayMs: { p50: number; p99: number; max: number };
  counts: Record<Outcome, number>;
  incidents: Incident[];
  byKind: Record<Route['kind'], number>;
  /** Responses per X-Strongroom-Instance (cluster mode; empty otherwise). */
  byInstance: Record<string, number>;
  /** Requests the server sent back to be retried with the jar's newest cookie (a stale secret). */
  sentBack: number;
};

export async function driveBrowsers(options: DriveOptions): Promise<DriveResult> {
  const started = Date.now();
  const deadline = started + options.durationMs;
  const latenciesMs: number[] = [];
  const counts: Record<Outcome, number> = { ok: 0, 'signed-out': 0, 'server-error': 0, unexpected: 0, 'network-error': 0 };
  const byKind: Record<Route['kind'], number> = { page: 0, json: 0 };
  const incidents: Incident[] = [];
  const byInstance: Record<string, number> = {};
  let pick = 0;
  const calledAt = new Map<number, number>();
  const unsentMs: number[] = [];
  const headersMs: number[] = [];
  const writtenAt = new Map<string, number>();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const onHeadersSent = (message: unknown) => {
    const { headers } = message as { headers?: unknown }; // undici: the raw request head
    const id = typeof headers === 'string' ? REQUEST_ID_LINE.exec(headers)?.[1] : undefined;
    const at = id === undefined ? undefined : calledAt.get(Number(id));
    if (at === undefined) return;
    writtenAt.set(id!, Date.now());
    unsentMs.push(Date.now() - at);
    calledAt.delete(Number(id));
  };
  diagnostics.subscribe('undici:client:sendHeaders', onHeadersSent);
  let nextId = 0;
  let sentBack = 0;

  /** One fetch with the jar's cookie as it is now; the jar takes the response's cookie with its headers. */
  async function send(route: Route, jar: CookieJar): Promise<Response> {
    const sentAt = Date.now();
    const id = nextId++;
    calledAt.set(id, sentAt);
    try {
      const response = await fetch(`${options.baseURL}${route.path}`, {
        headers: { ...jar.header(), [REQUEST_ID_HEADER]: String(id), ...(route.kind === 'json' ? { accept: 'application/json' } : {}) },
        redirect: 'manual',
        signal: AbortSignal.timeout(options.requestTimeoutMs ?? 60_000),
      });
      headersMs.push(Date.now() - sentAt);
      jar.take(response); // a browser stores cookies with the headers, before the body
      await response.arrayBuffer(); // a user waits for the whole response
      return response;
    } finally {
      calledAt.delete(id); // never sent (a timeout before the write)
    }
  }

  async function request(browser: number, jar: CookieJar): Promise<void> {
    const route = options.routes[pick++ % options.routes.length]!;
    const sentAt = Date.now();
    let outcome: Outcome;
    let status = 0;
    let location: string | null = null;
    try {
      let response = await send(route, jar);
      // A 307 to the same URL is the server sending a stale secret back: a
      // browser follows it, building the request again from its jar as it is now.
      for (let hop = 1; hop < MAX_REDIRECTS && isSentBack(response, route); hop++) {
        sentBack++;
        response = await send(route, jar);
      }
      status = response.status;
      location = response.headers.get('location');
      outcome = classify(response);
      const instance = response.headers.get('x-strongroom-instance');
      if (instance) byInstance[instance] = (byInstance[instance] ?? 0) + 1;
    } catch {
      outcome = 'network-error';
    }
    latenciesMs.push(Date.now() - sentAt);
    counts[outcome]++;
    byKind[route.kind]++;
    if (outcome !== 'ok' && incidents.length < 50) incidents.push({ at: sentAt - started, browser, path: route.path, outcome, status, location });
  }

  async function tab(browser: number, jar: CookieJar): Promise<void> {
    // Each lane is one request after another; a tab runs several lanes at once.
    await Promise.all(
      Array.from({ length: options.inFlightPerTab }, async () => {
        while (Date.now() < deadline) await request(browser, jar);
      }),
    );
  }

  await Promise.all(options.jars.flatMap((jar, browser) => Array.from({ length: options.tabsPerBrowser }, () => tab(browser, jar))));
  diagnostics.unsubscribe('undici:client:sendHeaders', onHeadersSent);
  loopDelay.disable();
  const ms = (ns: number) => Math.round(ns / 1e6);
  const clientLoopDelayMs = { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) };
  return { latenciesMs, unsentMs, headersMs, writtenAt, clientLoopDelayMs, counts, incidents, byKind, byInstance, sentBack };
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return 0;
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))]!;
}
