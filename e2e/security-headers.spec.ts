// Static security headers (next.config.mjs): present on pages, API routes and static files.
import { expect, test } from './support/fixtures.ts';

for (const path of ['/login', '/api/health', '/icon.svg']) {
  test(`${path}: X-XSS-Protection: 0 and a Permissions-Policy without interest-cohort`, async ({ request }) => {
    const response = await request.get(path);
    const headers = response.headers();
    // OWASP: disable the legacy XSS auditor explicitly (scanners flag a missing header).
    expect(headers['x-xss-protection']).toBe('0');
    expect(headers['permissions-policy']).toBeDefined();
    expect(headers['permissions-policy']).not.toContain('interest-cohort');
    expect(headers['permissions-policy']).toContain('camera=()');
    expect(headers['x-content-type-options']).toBe('nosniff');
  });
}

// The instance-naming header is for `npm run cluster` only (CLUSTER_INSTANCE);
// an ordinary server does not describe its topology.
test('no X-Strongroom-Instance header outside cluster mode', async ({ request }) => {
  for (const path of ['/login', '/api/health', '/icon.svg']) {
    expect((await request.get(path)).headers()['x-strongroom-instance'], path).toBeUndefined();
  }
});
