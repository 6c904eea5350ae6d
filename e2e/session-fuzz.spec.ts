// Fuzzing from outside: 1,000 malformed, tampered and oversized cookie values
// (never a 5xx, never in), and anonymous requests built to make Next fail.
import { cookieMutations, STATIC_PATHS } from '../tools/lib/fuzz-inputs.ts';
import { expect, test } from './support/fixtures.ts';
import { rawRequestStatus } from './support/raw-http.ts';
import { fetchWithCookie, sessionCookieValue, signIn } from './support/session.ts';
import { HOME_PATH } from './support/signed-in.ts';

test('1,000 malformed cookies → 0 responses ≥ 500, 0 authenticated', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const genuine = await sessionCookieValue(context);
  const values = cookieMutations(genuine, 1000).map((m) => m.value); // more, and more kinds: npm run test:fuzz
  let serverErrors = 0;
  let authenticated = 0;
  for (let i = 0; i < values.length; i += 10) {
    const batch = values.slice(i, i + 10);
    const responses = await Promise.all(
      batch.map((value, j) => fetchWithCookie(`${baseURL}${(i + j) % 2 ? '/api/me' : HOME_PATH}`, value)),
    );
    for (const response of responses) {
      if (response.status >= 500) serverErrors++;
      if (response.status === 200) authenticated++;
      await response.body?.cancel();
    }
  }
  expect(serverErrors).toBe(0);
  expect(authenticated).toBe(0);
});

// Anonymous requests that made Next answer 500 (issue 20, item 7): each must be a
// plain 4xx, from any path, before any code of ours or Next's does work for it.
const ACTION_ID = '7f00000000000000000000000000000000000000';

/** A Server Action reply whose parts name each other in a chain `length` long. */
function chainedReply(length: number): FormData {
  const form = new FormData();
  for (let n = 0; n < length; n++) form.append(String(n), n === length - 1 ? '[]' : `["$@${(n + 1).toString(16)}"]`);
  return form;
}

test('a Server Action body whose parts chain 1,000 and 10,000 deep is a 400, not a 500', async ({ baseURL }) => {
  for (const length of [1_000, 10_000]) {
    const response = await fetch(`${baseURL}/login`, { method: 'POST', headers: { origin: baseURL!, 'next-action': ACTION_ID }, body: chainedReply(length) });
    expect(response.status, `${length} parts`).toBe(400);
  }
});

test('Server Actions and form posts on paths middleware skips get the same Origin and body checks (4xx, never 500)', async ({ baseURL }) => {
  for (const path of STATIC_PATHS) {
    const crossOrigin = await fetch(`${baseURL}${path}`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'next-action': ACTION_ID, 'content-type': 'text/plain;charset=UTF-8' },
      body: '[]',
    });
    expect(crossOrigin.status, `cross-origin Server Action on ${path}`).toBe(403);
    const crossSiteForm = await fetch(`${baseURL}${path}`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(crossSiteForm.status, `cross-site form post on ${path}`).toBe(403);
    const deep = await fetch(`${baseURL}${path}`, { method: 'POST', headers: { origin: baseURL!, 'next-action': ACTION_ID }, body: chainedReply(10_000) });
    expect(deep.status, `deep Server Action body on ${path}`).toBe(400);
    // Neither Next-Action nor a body type: not a Server Action to Next, and still no 500.
    const bare = await fetch(`${baseURL}${path}`, { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(bare.status, `bare POST on ${path}`).toBeLessThan(500);
  }
  // The performance budget: a plain GET of a static path still skips middleware (no per-request CSP nonce).
  const staticGet = await fetch(`${baseURL}/robots.txt`);
  expect(staticGet.headers.get('content-security-policy') ?? '').not.toContain('nonce-');
  expect((await fetch(`${baseURL}/login`)).headers.get('content-security-policy')).toContain('nonce-');
});

test('`OPTIONS *`, absolute-form and authority-form request targets get a 400', async ({ baseURL }) => {
  const host = new URL(baseURL!).host;
  for (const head of [`OPTIONS * HTTP/1.1\r\nHost: ${host}`, `GET http://evil.example/ HTTP/1.1\r\nHost: ${host}`, `GET ${baseURL}${HOME_PATH} HTTP/1.1\r\nHost: ${host}`, `CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443`]) {
    expect(await rawRequestStatus(baseURL!, head), head.split('\r\n')[0]).toBe(400);
  }
  // Origin-form, but with an empty first segment: never a 500.
  expect(await rawRequestStatus(baseURL!, `GET //evil.example/x HTTP/1.1\r\nHost: ${host}`)).toBeLessThan(500);
  // An ordinary origin-form request on the same kind of connection still works.
  expect(await rawRequestStatus(baseURL!, `GET /login HTTP/1.1\r\nHost: ${host}`)).toBe(200);
});
