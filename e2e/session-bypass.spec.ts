// CVE-2025-29927: `x-middleware-subrequest` once made Next skip middleware. Even
// if it did, the data access layer checks the session itself: no value of the
// header, with no cookie or a bogus one, may ever yield user data.
import { expect, test } from './support/fixtures.ts';
import { fetchWithCookie } from './support/session.ts';
import { HOME_PATH } from './support/signed-in.ts';

const headerValues = [
  'middleware',
  'middleware:middleware:middleware:middleware:middleware',
  'src/middleware',
  'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware',
  'pages/_middleware',
  'proxy',
  'proxy:proxy:proxy:proxy:proxy',
  'src/proxy:src/proxy:src/proxy:src/proxy:src/proxy',
];
const paths = [HOME_PATH, '/profile', '/security', '/api/me'];
const cookies: (string | null)[] = [null, 'bogus', 'Fe26.2*1*forged*value~2'];

test('no x-middleware-subrequest value yields a signed-in page or user data', async ({ baseURL }) => {
  for (const value of headerValues) {
    for (const path of paths) {
      for (const cookie of cookies) {
        const response = await fetchWithCookie(`${baseURL}${path}`, cookie, { headers: { 'x-middleware-subrequest': value } });
        const body = await response.text();
        const label = `${path} with x-middleware-subrequest: ${value}, cookie ${cookie ?? 'none'}`;
        expect(response.status, label).not.toBe(200);
        expect(response.status, label).toBeLessThan(500);
        // Alice's name and email are what any signed-in page (the app shell) and /api/me show.
        expect(body, label).not.toContain('Alice Andersen');
        expect(body, label).not.toContain('alice@example.com');
      }
    }
  }
});
