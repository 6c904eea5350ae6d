// The ground the security suite stands on: the server is up, the login page is
// usable, and its scripts run under the CSP (no violations, the page hydrates).
import { expect, test } from './support/fixtures.ts';
import { startExtraServer } from './support/extra-server.ts';
import { UNAVAILABLE_HEADING } from '../lib/http/unavailable.ts';

test('GET /api/health answers 200 {"status":"ok"}', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/json');
  expect(await response.json()).toEqual({ status: 'ok' });
});

test('/login renders a labelled sign-in form', async ({ page }) => {
  const response = await page.goto('/login');
  expect(response?.status()).toBe(200);
  await expect(page.getByLabel('Email', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Password', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
});

test('/login runs its scripts without CSP violations', async ({ page, cspViolations }) => {
  await page.goto('/login', { waitUntil: 'networkidle' });
  // Next's client runtime sets window.next when it boots: proof the scripts were
  // allowed to run, not merely that the HTML arrived.
  await expect
    .poll(() => page.evaluate(() => typeof (window as { next?: { version?: string } }).next?.version), {
      message: 'Next.js client runtime booted (window.next)',
    })
    .toBe('string');
  expect(cspViolations).toEqual([]);
});

test('with the database down, /api/health answers 503 JSON (no stack trace) and /login the calm unavailable page, 503', async () => {
  test.setTimeout(90_000);
  // Nothing listens on the discard port: every query fails fast.
  const server = await startExtraServer({ database: 'shared', env: { DATABASE_URL: 'postgresql://strongroom@127.0.0.1:9/unreachable' } });
  try {
    const health = await fetch(`${server.baseURL}/api/health`);
    expect(health.status).toBe(503);
    expect(health.headers.get('content-type')).toContain('application/json');
    const body = await health.text();
    expect(JSON.parse(body)).toMatchObject({ status: 'unavailable' });
    expect(body).not.toMatch(/\bat .+:\d+:\d+|ECONNREFUSED|Error:/);

    // Nobody can sign in without the database: say so, rather than offer a form that cannot work (ADR 025).
    const login = await fetch(`${server.baseURL}/login`, { headers: { accept: 'text/html' } });
    expect(login.status).toBe(503);
    const page = await login.text();
    expect(page).toContain(UNAVAILABLE_HEADING);
    expect(page).not.toMatch(/\bat .+:\d+:\d+|ECONNREFUSED|Error:/);
  } finally {
    await server.stop();
  }
});
