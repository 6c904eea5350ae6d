// Fail closed outside the production server (issue 20, ADR 033). Plain `next
// start` on the very same build and database: with no server.ts in
// front, a client-sent X-Forwarded-For would be the client address and nothing
// would stamp the arrival. It must serve nothing — above all no authenticated
// page with a forged address counted as the client — and say what to run.
import { expect, test } from './support/fixtures.ts';
import { openE2eDatabase } from './support/database.ts';
import { startExtraServer, type ExtraServer } from './support/extra-server.ts';
import { fetchWithCookie, sessionCookieValue, signIn } from './support/session.ts';
import { HOME_PATH } from './support/signed-in.ts';

const FORGED = '203.0.113.77';

test.describe.configure({ mode: 'serial' });
let server: ExtraServer;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  // The main e2e server's database: a session signed in there is live here too.
  server = await startExtraServer({ database: 'shared', env: {}, plainNextStart: true });
});
test.afterAll(async () => {
  await server?.stop();
});

test('`next start` refuses every request — pages, APIs, Server Actions, health — with a 503 naming `npm start`', async ({ page, context, baseURL }) => {
  await signIn(page); // on the real production server
  const cookie = await sessionCookieValue(context);
  const forged = { 'x-forwarded-for': FORGED };
  for (const path of [HOME_PATH, '/security', '/api/me', '/api/session', '/login', '/api/health']) {
    const response = await fetchWithCookie(`${server.baseURL}${path}`, cookie, { headers: forged });
    expect(response.status, path).toBe(503);
    expect(await response.text(), path).toContain('npm start');
    expect(response.headers.getSetCookie(), path).toEqual([]);
  }
  // Sign-in and other Server Actions, on a page path and on a path middleware skips for GETs.
  for (const path of ['/login', '/fonts/x.woff2']) {
    const action = await fetchWithCookie(`${server.baseURL}${path}`, null, {
      method: 'POST',
      headers: { ...forged, origin: server.baseURL, 'next-action': '7f00000000000000000000000000000000000000', 'content-type': 'text/plain;charset=UTF-8' },
      body: '[]',
    });
    expect(action.status, `Server Action on ${path}`).toBe(503);
  }
  // The forged address reached nothing: no session, audit event or throttle row names it.
  const db = openE2eDatabase(server.databaseFile);
  try {
    const named = (table: string, column: string) => (db.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE ${column} LIKE ?`).get(`%${FORGED}%`) as { n: number }).n;
    expect(named('Session', 'ipAddress') + named('AuditEvent', 'ipAddress') + named('LoginThrottle', 'key')).toBe(0);
  } finally {
    db.close();
  }
  // The same cookie on the real server: the session was never touched.
  expect((await fetchWithCookie(`${baseURL}/api/me`, cookie)).status).toBe(200);
});
