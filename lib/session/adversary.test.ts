// The adversaries of docs/decisions/029-withheld-rotation.md, played against
// the real store and a real database at the default policy (rotation 5 min,
// grace 30 s) on a simulated clock: an owner browsing, a thief holding a copy
// of her current cookie, and — as properties over random interleavings — any
// mix of the thief's moves, slow and lost responses.
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { testSessionPolicy as policy } from '@/test/session-policy';
import { createSessionStore } from './store';
import type { SessionToken } from './token';

const db = getTestDb();
const store = createSessionStore(db, policy);
const context = { ipAddress: '127.0.0.1', userAgent: 'vitest' };
const t0 = new Date('2026-01-01T09:00:00Z').getTime();
const I = policy.rotationIntervalMs;

/** The bound ADR 029 states: two intervals after the copy's first use, plus the owner's next three requests. */
const boundMs = (ownerGapMs: number) => 2 * I + 3 * ownerGapMs;

/** `retry`: sent back to ask again with the newest cookie it has (ADR 035) — nothing was served. */
type Answer = { ok: boolean; retry?: boolean; token?: SessionToken };

/** One request as middleware handles it: validate at arrival; rotate if due; the response carries any new or re-sent secret. */
async function request(token: SessionToken, atMs: number, on = store): Promise<Answer> {
  const now = new Date(t0 + atMs);
  const result = await on.validateSessionToken(token, { context, arrivedAt: now }, now);
  if (result.kind === 'accept' && result.rotate) {
    const rotation = await on.rotateSession(result.session, token, { now, context });
    return { ok: true, token: rotation.kind === 'rotated' ? rotation.token : undefined };
  }
  if (result.kind === 'resend') return { ok: true, token: result.token };
  if (result.kind === 'retry') return { ok: false, retry: true };
  return { ok: result.kind === 'accept' };
}

/** A browser whose jar holds nothing newer follows each "retry" with the same cookie, up to Safari's 16 redirects. */
async function requestFollowingRetries(token: SessionToken, atMs: number): Promise<Answer> {
  let answer = await request(token, atMs);
  for (let hop = 1; answer.retry && hop < 16; hop++) answer = await request(token, atMs + hop);
  return answer;
}

async function signIn() {
  const user = await db.user.create({ data: { email: `owner-${Math.random()}@example.com`, name: 'Owner', passwordHash: 'x' } });
  const { session, token } = await store.createSession(user.id, { mfaVerified: false, context, now: new Date(t0) });
  return { sessionId: session.id, token };
}

const revokedReason = async (sessionId: string) => (await db.session.findUniqueOrThrow({ where: { id: sessionId } })).revokedReason;
const reuseSignal = async (sessionId: string) => {
  const event = await db.auditEvent.findFirst({ where: { type: 'session.reuse_detected', sessionId } });
  return event ? (JSON.parse(event.detail ?? '{}') as { signal?: string }).signal : undefined;
};

/**
 * The strategy the issue measured: the thief polls every second, so it wins
 * every rotation; it keeps each new secret to itself and goes on presenting
 * the one the owner has, adopting the new one only once the owner has been
 * re-sent it and used it (it is told exactly when — the strongest version).
 */
async function playWithholdingThief(ownerGapMs: number, untilMs: number) {
  const { sessionId, token } = await signIn();
  let owner = token;
  let thiefShows = token;
  let thiefKeeps: SessionToken | undefined;
  let firstUse: number | undefined;
  let cutOffAt: number | undefined;
  let nextOwner = ownerGapMs;
  const theftAt = 60_000; // the copy is taken a minute in
  for (let ms = theftAt; ms <= untilMs; ms += 1_000) {
    // The thief moves first in every second: it wins every race.
    const answer = await request(thiefShows, ms);
    firstUse ??= ms;
    if (answer.retry) continue; // sent back, read nothing
    if (!answer.ok) {
      cutOffAt = ms;
      break;
    }
    if (answer.token && answer.token.secret !== thiefShows.secret) thiefKeeps = answer.token; // won a rotation (or was re-sent the one it keeps)
    if (ms >= nextOwner) {
      nextOwner += ownerGapMs;
      const ownerAnswer = await requestFollowingRetries(owner, ms);
      if (ownerAnswer.token) owner = ownerAnswer.token;
    }
    const row = await db.session.findUniqueOrThrow({ where: { id: sessionId } });
    if (thiefKeeps && owner.secret === thiefKeeps.secret && row.secretConfirmedAt) {
      thiefShows = thiefKeeps; // the owner has it and used it: safe to adopt
      thiefKeeps = undefined;
    }
  }
  return { sessionId, firstUse: firstUse!, cutOffAt };
}

beforeEach(async () => {
  await resetTestDb();
});

describe('a copy that wins every rotation and withholds the new secret', () => {
  it('is cut off within two intervals of its first use (plus the owner\'s next requests), and the owner sees theft', async () => {
    const ownerGapMs = 20_000;
    // Played for twice the bound (the rule before ADR 029 let this thief read until the 12 h limit).
    const { sessionId, firstUse, cutOffAt } = await playWithholdingThief(ownerGapMs, 2 * boundMs(ownerGapMs));
    expect(cutOffAt, 'the withholding copy was never detected').toBeDefined();
    expect(cutOffAt! - firstUse).toBeLessThanOrEqual(boundMs(ownerGapMs));
    expect(await revokedReason(sessionId)).toBe('reuse-detected');
    const event = await db.auditEvent.findFirstOrThrow({ where: { type: 'session.reuse_detected', sessionId } });
    expect(JSON.parse(event.detail ?? '{}')).toMatchObject({ signal: 'withheld-rotation' });
  });

  it('a thief that stops winning after the first re-send is left with a copy that reads nothing', async () => {
    const { sessionId, token } = await signIn();
    let owner = token;
    // The thief wins the first rotation and withholds it…
    const won = await request(token, I + 1_000);
    expect(won.token).toBeDefined();
    let ms = I + 1_000;
    while (!(await db.session.findUniqueOrThrow({ where: { id: sessionId } })).secretResentAt) {
      ms += 20_000;
      const answer = await request(owner, ms);
      if (answer.token) owner = answer.token;
    }
    // …the owner was re-sent it; from here the owner browses and the thief waits.
    for (let i = 0; i < 10; i++) {
      ms += 20_000;
      const answer = await request(owner, ms);
      expect(answer.ok).toBe(true);
      if (answer.token) owner = answer.token;
    }
    expect((await request(won.token!, ms + 1_000)).ok).toBe(false); // sent back: it reads nothing…
    expect((await requestFollowingRetries(won.token!, ms + 2_000)).ok).toBe(false); // …and coming back with it again ends the session
    expect(await revokedReason(sessionId)).toBe('reuse-detected');
  });
});

describe('an honest browser', () => {
  it('one lost rotation response: re-sent, never signed out', async () => {
    const { sessionId, token } = await signIn();
    let jar = token;
    for (let ms = 20_000; ms <= 4 * 3_600_000; ms += 20_000) {
      const answer = await request(jar, ms);
      expect(answer.ok, `signed out at ${ms / 1000} s`).toBe(true);
      // The first rotation's response is lost; every other one arrives.
      const lost = answer.token && answer.token.generation === 1 && jar.generation === 0;
      if (answer.token && !lost) jar = answer.token;
    }
    expect(await revokedReason(sessionId)).toBeNull();
    expect(await db.auditEvent.count({ where: { type: 'session.secret_resent', sessionId } })).toBe(1);
  });
});

/** Random interleavings: owner's think times and response delays, lost responses, and any thief moves. */
describe('properties over interleavings (fast-check)', () => {
  /** `mirror`: show whatever the owner holds, if the thief has it too (it knows — the strongest thief), keeping anything newer to itself. */
  type Move = 'silent' | 'show-first' | 'show-newest' | 'show-random' | 'mirror';

  it('an honest browser with two tabs, slow responses and lost ones (never two rotations in a row) is never signed out', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ gap: fc.integer({ min: 200, max: 90_000 }), delay: fc.integer({ min: 0, max: 20_000 }), lost: fc.boolean() }), { minLength: 40, maxLength: 120 }),
        async (steps) => {
          await resetTestDb();
          const { sessionId, token } = await signIn();
          let jar = token;
          let ms = 0;
          let lastLostGeneration = -10;
          const inFlight: { arrivesAt: number; token: SessionToken }[] = [];
          for (const step of steps) {
            ms += step.gap;
            // Responses that have arrived by now update the shared jar, newest generation wins.
            for (const pending of inFlight.filter((p) => p.arrivesAt <= ms)) if ((pending.token.generation ?? 0) >= (jar.generation ?? 0)) jar = pending.token;
            inFlight.splice(0, inFlight.length, ...inFlight.filter((p) => p.arrivesAt > ms));
            const answer = await request(jar, ms);
            if (!answer.ok) return false;
            if (!answer.token) continue;
            const generation = answer.token.generation ?? 0;
            const mayLose = step.lost && generation !== jar.generation && generation - lastLostGeneration > 1;
            if (mayLose) lastLostGeneration = generation;
            else inFlight.push({ arrivesAt: ms + step.delay, token: answer.token });
          }
          return (await revokedReason(sessionId)) === null;
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  it('an honest browser some of whose requests wait up to 40 s before the server sees them (6 in flight, each built from the jar when sent) is never signed out by a stale secret', async () => {
    // The wait no arrival stamp can see (ADR 035): in a socket backlog, a proxy, a
    // connection pool. A request built before the jar took a new secret may arrive
    // after the browser has used it for longer than the grace — rules 3 and 4 of
    // ADR 016 revoked the session then; now it is sent back and retried. At the
    // load test's policy (rotation 10 s, grace 3 s), where such waits were measured:
    // most requests get through in under 2 s, one in seven is a straggler. (When
    // every request after a rotation waits longer than the re-send time, two
    // rotations in a row, the browser looks like a withheld rotation — ADR 035
    // states that concession; such runs are discarded, not passed.)
    const fast = createSessionStore(db, { ...policy, rotationIntervalMs: 10_000, rotationGraceMs: 3_000 });
    let sentBack = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            gap: fc.integer({ min: 50, max: 8_000 }),
            wait: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 2_000 }), weight: 6 }, { arbitrary: fc.integer({ min: 10_000, max: 40_000 }), weight: 1 }),
            answer: fc.integer({ min: 0, max: 3_000 }),
          }),
          { minLength: 30, maxLength: 60 },
        ),
        async (sends) => {
          await resetTestDb();
          const { sessionId, token } = await signIn();
          let jar = token;
          type Pending = { at: number; kind: 'arrive'; token: SessionToken; wait: number; answer: number } | { at: number; kind: 'response'; token?: SessionToken; retry?: { wait: number; answer: number } };
          const queue: Pending[] = [];
          const take = (t: SessionToken) => {
            if ((t.generation ?? 0) >= (jar.generation ?? 0)) jar = t;
          };
          let ms = 0;
          let inFlight = 0;
          let i = 0;
          while (i < sends.length || queue.length > 0) {
            // The next send (if a connection is free) or the next event, whichever comes first.
            queue.sort((a, b) => a.at - b.at);
            const send = sends[i];
            if (send && inFlight < 6 && (queue.length === 0 || ms + send.gap <= queue[0]!.at)) {
              ms += send.gap;
              inFlight++;
              i++;
              queue.push({ at: ms + send.wait, kind: 'arrive', token: jar, wait: send.wait, answer: send.answer });
              continue;
            }
            const event = queue.shift();
            if (!event) throw new Error('every connection busy and nothing pending: the model lost a request');
            ms = Math.max(ms, event.at);
            if (event.kind === 'arrive') {
              const answer = await request(event.token, event.at, fast);
              if (!answer.ok && !answer.retry) {
                // Every request after a rotation waited past the re-send time, twice in a row:
                // ADR 029's rule 8 concession (ADR 035 states it), not this property's.
                fc.pre((await reuseSignal(sessionId)) !== 'withheld-rotation');
                return false; // signed out by a stale secret
              }
              if (answer.retry) sentBack++;
              queue.push({ at: event.at + event.answer, kind: 'response', token: answer.token, retry: answer.retry ? { wait: event.wait, answer: event.answer } : undefined });
            } else {
              if (event.token) take(event.token);
              // A retry is the same request built again from the jar as it is now.
              if (event.retry) queue.push({ at: event.at + event.retry.wait, kind: 'arrive', token: jar, ...event.retry });
              else inFlight--;
            }
          }
          return (await revokedReason(sessionId)) === null;
        },
      ),
      { numRuns: 12 },
    );
    expect(sentBack, 'the runs never produced a stale request: the property tested nothing').toBeGreaterThan(0);
  }, 180_000);

  it('whatever a thief holding a copy does, while the owner browses it reads nothing two intervals after its first use', async () => {
    // A strategy per run (an adaptive thief does not shoot itself in the foot at random), its pace, and who wins ties.
    const strategy = fc.oneof(
      fc.constant<Move[]>(['mirror']),
      fc.constant<Move[]>(['show-newest']),
      fc.array(fc.constantFrom<Move>('silent', 'show-first', 'show-newest', 'show-random', 'mirror'), { minLength: 5, maxLength: 50 }),
    );
    await fc.assert(
      fc.asyncProperty(strategy, fc.integer({ min: 1, max: 15 }), fc.integer({ min: 5, max: 30 }), fc.boolean(), fc.nat(), async (moves, thiefEverySeconds, ownerGapSeconds, thiefFirst, seed) => {
        await resetTestDb();
        const { token } = await signIn();
        const ownerGapMs = ownerGapSeconds * 1_000;
        let owner = token;
        const held: SessionToken[] = [token];
        let firstUse: number | undefined;
        let nextOwner = 60_000;
        const ownerTurn = async (ms: number) => {
          if (ms < nextOwner) return true;
          nextOwner += ownerGapMs;
          const answer = await requestFollowingRetries(owner, ms);
          if (answer.token) owner = answer.token;
          return answer.ok;
        };
        const thiefTurn = async (ms: number, step: number) => {
          const move = moves[step % moves.length]!;
          if (move === 'silent' || step % thiefEverySeconds !== 0) return 'quiet';
          const newest = held[held.length - 1]!;
          const mirrored = held.find((t) => t.secret === owner.secret) ?? newest;
          const shown = move === 'show-first' ? held[0]! : move === 'show-newest' ? newest : move === 'mirror' ? mirrored : held[(seed + step) % held.length]!;
          const answer = await request(shown, ms);
          firstUse ??= ms;
          if (answer.retry) return 'quiet'; // sent back: it read nothing, and may try anything next
          if (!answer.ok) return 'out';
          if (answer.token) held.push(answer.token);
          return ms - firstUse > boundMs(ownerGapMs) ? 'read-past-bound' : 'read';
        };
        for (let ms = 60_000, step = 0; ms <= 60_000 + boundMs(ownerGapMs) + 10 * ownerGapMs; ms += 1_000, step++) {
          if (!thiefFirst && !(await ownerTurn(ms))) return true; // the session ended: both holders are out
          const thief = await thiefTurn(ms, step);
          if (thief === 'out') return true;
          if (thief === 'read-past-bound') return false;
          if (thiefFirst && !(await ownerTurn(ms))) return true;
        }
        return true; // never read past the bound
      }),
      { numRuns: 40 },
    );
  }, 180_000);
});
