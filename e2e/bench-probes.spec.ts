// The benchmark's probe routes (app/bench/*/route.bench.ts) exist only in the
// benchmark build (.next-bench): the shipped app this suite runs has none of
// them — not the stateless-cookie route, which accepts a cookie with no
// revocable session behind it, nor the peers' (Better Auth, Auth.js), which
// accept sessions from tables the app does not have. The list is read from the
// folder, so a new probe is covered the day it is added.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './support/fixtures.ts';

const benchDir = path.join(import.meta.dirname, '..', 'app', 'bench');
const probePaths = fs
  .readdirSync(benchDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(benchDir, entry.name, 'route.bench.ts')))
  .map((entry) => `/bench/${entry.name}`);

test('the probe list covers the baselines and the peers', () => {
  expect(probePaths).toEqual(expect.arrayContaining(['/bench/bare', '/bench/plain', '/bench/stateless', '/bench/session', '/bench/better-auth', '/bench/better-auth-cached', '/bench/authjs']));
});

for (const probe of probePaths) {
  test(`the shipped app has no ${probe} (404)`, async ({ request }) => {
    const response = await request.get(probe, { maxRedirects: 0 });
    expect(response.status()).toBe(404);
    expect(response.headers()['content-type'] ?? '').not.toContain('application/json');
  });
}
