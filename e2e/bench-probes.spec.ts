// The benchmark's probe routes (app/bench/*/route.bench.ts) exist only in the
// benchmark build (.next-bench): the shipped app this suite runs has none of
// them — not even the stateless-cookie route, which accepts a cookie with no
// revocable session behind it.
import { expect, test } from './support/fixtures.ts';

for (const path of ['/bench/bare', '/bench/plain', '/bench/stateless', '/bench/session']) {
  test(`the shipped app has no ${path} (404)`, async ({ request }) => {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status()).toBe(404);
    expect(response.headers()['content-type'] ?? '').not.toContain('application/json');
  });
}
