// CVE-2025-29927: `x-middleware-subrequest` once made Next skip middleware. Even
// if it did, the data access layer checks the session itself: no value of the
// header, with no cookie or a bogus one, may ever yield user data.
import { expect, test } from './support/fixtures.ts';
import { fetchWithCookie } from './support/session.ts';

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
const paths = ['/dashboard', '/security', '/transfers/new', '/accounts/anything', '/api/accounts'];
const cookies: (string | null)[] = [null, 'bogus', 'Fe26.2*1*forged*value~2'];

test('no x-middleware-subrequest value yields dashboard content or user data', async ({ baseURL }) => {
  for (const value of headerValues) {
    for (const path of paths) {
      for (const cookie of cookies) {
        const response = await fetchWithCookie(`${baseURL}${path}`, cookie, { headers: { 'x-middleware-subrequest': value } });
        const body = await response.text();
        const label = `${path} with x-middleware-subrequest: ${value}, cookie ${cookie ?? 'none'}`;
        expect(response.status, label).not.toBe(200);
        expect(response.status, label).toBeLessThan(500);
        expect(body, label).not.toContain('Everyday Checking');
        expect(body, label).not.toContain('alice@example.com');
      }
    }
  }
});
