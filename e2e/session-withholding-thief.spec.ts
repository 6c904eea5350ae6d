// The acceptance case of issue 20 (docs/decisions/029-withheld-rotation.md)
// over real HTTP, rotation 10 s / grace 3 s: the owner browses in Chromium; a
// thief with a copy of her current cookie polls so fast that it wins every
// rotation, keeps each new secret to itself and goes on presenting the one she
// has, adopting the new one only once she has been re-sent it and used it
// (the strongest thief: it reads the database and her cookie jar to know when).
// Under ADR 016 it was never a stale holder, so it read until the absolute
// limit; now the second withheld rotation in a row ends the session.
import type { BrowserContext, Page } from '@playwright/test';
import { parseDuration } from '../lib/config/duration.ts';
import { expect, test } from './support/fixtures.ts';
import { auditDetails, findRotationState, openE2eDatabase, type RotationState } from './support/database.ts';
import type { ExtraServer } from './support/extra-server.ts';
import { e2eSessionPolicy } from './support/environment.ts';
import { sleep, startRotationServer } from './support/rotation-server.ts';
import { fetchWithCookie, isLoginPage, sessionCookieValue, sessionIdOf, sessionTokenOf, setCookieValue, signIn } from './support/session.ts';
import { HOME_PATH } from './support/signed-in.ts';

const rotationMs = 10_000;
const graceMs = 3_000;
const ownerGap = { minMs: 2_000, maxMs: 6_000 };
/** ADR 029's bound: two intervals after the copy's first use plus three of the owner's gaps — and a margin for a busy machine. */
const boundMs = 2 * rotationMs + 3 * ownerGap.maxMs + 10_000;
/** The main e2e server's interval. */
const e2eRotationMs = parseDuration(e2eSessionPolicy.SESSION_ROTATION_INTERVAL)!;
/** Without the rule the thief is never detected: give up after this long. */
const playForMs = 90_000;

/**
 * `greedy`: reads every 200 ms throughout, so it is also the one the server re-sends to.
 * `quiet`: silent while it withholds a secret, so the owner is the one re-sent it — the
 * counter must not depend on who receives the re-send.
 */
type Strategy = 'greedy' | 'quiet';

type Copy = { cookie: string; secret: string };

type Play = {
  sessionId: string;
  firstUseAt: number;
  cutOffAt?: number;
  ownerSignedOut?: { at: number; url: string };
  ownerGapsMs: number[];
  thiefRequests: number;
  thiefOddStatuses: number[];
  /** Rotations after the theft, and how many of them the thief won. */
  rotations: number;
  rotationsWon: number;
  adoptions: number;
  copies: Copy[];
};

let server: ExtraServer;
test.beforeAll(async () => {
  server = await startRotationServer({ rotationMs, graceMs });
});
test.afterAll(async () => {
  await server?.stop();
});

const copyOf = async (cookie: string): Promise<Copy> => ({ cookie, secret: (await sessionTokenOf(cookie)).secret });

/** The earliest the next rotation may happen: an interval after the last one, or — for a re-sent secret — its grace after first use (ADR 029's probation). */
function rotationDueAt(state: RotationState): number {
  const afterInterval = state.rotatedAt + rotationMs;
  if (state.secretResentAt !== null && state.secretConfirmedAt !== null) return Math.min(afterInterval, state.secretConfirmedAt + graceMs);
  return afterInterval;
}

/** The owner reads a page every 2–6 s until `done()`, or until she is signed out. */
async function browseAsOwner(page: Page, baseURL: string, play: Play, done: () => boolean, deadline: number): Promise<void> {
  const paths = [HOME_PATH, '/security'];
  let last = Date.now();
  for (let visit = 0; !done() && Date.now() < deadline; visit++) {
    await sleep(ownerGap.minMs + Math.random() * (ownerGap.maxMs - ownerGap.minMs));
    if (done()) return;
    const at = Date.now();
    await page.goto(`${baseURL}${paths[visit % paths.length]}`);
    play.ownerGapsMs.push(at - last);
    last = at;
    if (isLoginPage(page.url())) {
      play.ownerSignedOut = { at, url: page.url() };
      return;
    }
  }
}

async function playWithholdingThief(page: Page, context: BrowserContext, baseURL: string, strategy: Strategy): Promise<Play> {
  await signIn(page, undefined, undefined, baseURL);
  const stolen = await copyOf(await sessionCookieValue(context));
  const play: Play = {
    sessionId: await sessionIdOf(stolen.cookie),
    firstUseAt: Date.now(),
    ownerGapsMs: [],
    thiefRequests: 0,
    thiefOddStatuses: [],
    rotations: 0,
    rotationsWon: 0,
    adoptions: 0,
    copies: [stolen],
  };
  let shows = stolen; // what the owner has too
  let keeps: Copy | undefined; // a secret won and withheld
  const inFlight = new Set<Promise<void>>();

  const read = (copy: Copy) => {
    const request = (async () => {
      const response = await fetchWithCookie(`${baseURL}/api/me`, copy.cookie);
      play.thiefRequests++;
      await response.arrayBuffer();
      if (response.status === 401) play.cutOffAt ??= Date.now();
      else if (response.status !== 200) play.thiefOddStatuses.push(response.status);
      const sent = setCookieValue(response);
      if (!sent || play.cutOffAt !== undefined) return;
      const received = await copyOf(sent);
      if (received.secret === shows.secret) return;
      // A rotation won, or the withheld secret re-sent (that seal is due at once: keep the latest).
      if (received.secret !== keeps?.secret) play.rotationsWon++;
      keeps = received;
      play.copies.push(received);
    })();
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
  };

  const ownerHolds = async () => (await sessionTokenOf(await sessionCookieValue(context))).secret;
  const db = openE2eDatabase();
  const deadline = Date.now() + playForMs;
  let lastRotatedAt = findRotationState(db, play.sessionId).rotatedAt;
  try {
    const thief = (async () => {
      while (play.cutOffAt === undefined && Date.now() < deadline) {
        const state = findRotationState(db, play.sessionId);
        // Adopt the withheld secret once the owner has it and has used it: from then on it is "hers".
        if (keeps && state.secretConfirmedAt !== null && (await ownerHolds()) === keeps.secret) {
          shows = keeps;
          keeps = undefined;
          play.adoptions++;
        }
        if (state.rotatedAt !== lastRotatedAt) {
          lastRotatedAt = state.rotatedAt;
          play.rotations++;
        }
        // From just before a rotation may fall due until it happens, a burst — with room for
        // many requests in flight on a slow server: the owner's navigation must not get there first.
        const burst = Date.now() >= rotationDueAt(state) - 300;
        const silent = strategy === 'quiet' && keeps !== undefined && state.revokedAt === null;
        if (!silent && inFlight.size < (burst ? 32 : 4)) read(shows);
        await sleep(burst ? 25 : 200);
      }
      await Promise.all(inFlight);
    })();
    await Promise.all([thief, browseAsOwner(page, baseURL, play, () => play.cutOffAt !== undefined, deadline)]);
  } finally {
    db.close();
  }
  return play;
}

function report(strategy: Strategy, play: Play, resent: number, signals: unknown[]): void {
  const cutOff = play.cutOffAt === undefined ? `never cut off in ${playForMs} ms` : `cut off ${play.cutOffAt - play.firstUseAt} ms after its first use (bound ${boundMs} ms)`;
  console.log(
    `[withholding thief, ${strategy}] ${cutOff}; thief ${play.thiefRequests} requests, won ${play.rotationsWon} of ${play.rotations} rotations, adopted ${play.adoptions}; ` +
      `owner ${play.ownerGapsMs.length} navigations, gaps ${Math.min(...play.ownerGapsMs)}–${Math.max(...play.ownerGapsMs)} ms; ${resent} re-sends; reuse signals ${JSON.stringify(signals)}` +
      (play.thiefOddStatuses.length ? `; thief also saw ${play.thiefOddStatuses.join(',')}` : ''),
  );
}

/** What both tests require once the play is over: the copy is cut off in time, the session revoked for both holders, and why. */
async function expectWithheldRotationDetected(page: Page, baseURL: string, strategy: Strategy, play: Play): Promise<void> {
  const db = openE2eDatabase();
  let state: RotationState;
  let reuse: Record<string, unknown>[];
  let resent: number;
  try {
    state = findRotationState(db, play.sessionId);
    reuse = auditDetails(db, 'session.reuse_detected', play.sessionId);
    resent = auditDetails(db, 'session.secret_resent', play.sessionId).length;
  } finally {
    db.close();
  }
  report(strategy, play, resent, reuse.map((detail) => detail.signal));
  expect(play.cutOffAt, `the withholding copy still read data after ${playForMs} ms`).toBeDefined();
  expect(play.cutOffAt! - play.firstUseAt).toBeLessThanOrEqual(boundMs);
  expect(play.thiefOddStatuses).toEqual([]);
  expect(state.revokedReason).toBe('reuse-detected');
  // Withheld rotations are what catch this thief — unless, on a slow server, more than seven of
  // the requests it fired with the owner's secret arrive after her grace: the stale count of
  // ADR 035 then reads that many stragglers as the copy they are, and cuts it off first.
  expect(reuse).toContainEqual(
    expect.objectContaining({ secret: 'previous', signal: expect.stringMatching(/^(withheld-rotation|previous-after-grace)$/) }),
  );
  // Every secret the thief ever held reads nothing now.
  for (const copy of play.copies) expect((await fetchWithCookie(`${baseURL}/api/me`, copy.cookie)).status).toBe(401);
  // The owner is signed out too, and told why: on the navigation that found it, or her next one.
  // (Her open page may have found it by itself: the idle warning's status check signs out with the reason.)
  if (play.ownerSignedOut) expect(play.ownerSignedOut.url).toMatch(/\/login\?reason=revoked/);
  else if (isLoginPage(page.url())) expect(page.url()).toMatch(/\/login\?reason=revoked/);
  else {
    await page.goto(`${baseURL}${HOME_PATH}`);
    await expect(page).toHaveURL(/\/login\?reason=revoked/);
  }
}

test('a copy that wins every rotation and withholds the new secret is cut off within two intervals and the owner\'s gaps; she sees the theft', async ({ page, context }) => {
  test.setTimeout(playForMs + 60_000);
  const play = await playWithholdingThief(page, context, server.baseURL, 'greedy');
  await expectWithheldRotationDetected(page, server.baseURL, 'greedy', play);

  await signIn(page, undefined, undefined, server.baseURL);
  await page.goto(`${server.baseURL}/security`);
  await expect(page.getByText('Possible session theft detected — session ended').first()).toBeVisible();
});

test('a copy that stays silent while it withholds (so the owner is the one re-sent each secret) is cut off just the same', async ({ page, context }) => {
  test.setTimeout(playForMs + 60_000);
  const play = await playWithholdingThief(page, context, server.baseURL, 'quiet');
  await expectWithheldRotationDetected(page, server.baseURL, 'quiet', play);
});

// Seen in the runs above: when the copy is cut off, the owner's open page is often
// prefetching links, and the prefetch is the first of her requests to find the
// session ended. Deleting the cookie there would leave her next navigation with
// no cookie, and no reason on the sign-in page.
test('a prefetch that finds the session ended leaves the cookie, so the owner\'s next navigation says why', async ({ page, context, baseURL }) => {
  await signIn(page);
  const copy = await sessionCookieValue(context);
  // No open page: its status poll (not a prefetch) would rightly delete the cookie first.
  await page.goto('about:blank');
  expect((await fetchWithCookie(`${baseURL}/logout`, copy, { method: 'POST', headers: { origin: baseURL! } })).status).toBe(303);
  await sleep(e2eRotationMs + 500); // her cookie is due: middleware itself consults the database
  const prefetch = await page.request.get(`${baseURL}${HOME_PATH}`, { headers: { rsc: '1', 'next-router-prefetch': '1' }, maxRedirects: 0 });
  expect(prefetch.status()).toBe(303);
  expect(prefetch.headers().location).toMatch(/\/login\?reason=revoked/);
  expect(await sessionCookieValue(context)).toBe(copy);
  await page.goto(`${baseURL}${HOME_PATH}`);
  await expect(page).toHaveURL(/\/login\?reason=revoked/);
});
