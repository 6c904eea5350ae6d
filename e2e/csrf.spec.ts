// Cross-site request forgery against a signed-in user: a page on another origin
// makes the browser POST with the victim's cookie. Every state-changing request
// naming a foreign (or opaque) origin gets a 403 before it reaches a Server
// Action or route handler — not Next's 500, and never the action itself.
import { expect, test } from './support/fixtures.ts';
import { fetchWithCookie, sessionCookieValue, signIn } from './support/session.ts';

const forgedOrigins = ['https://evil.example', 'null'];

test('cross-origin Server Action posts and form posts are refused with 403, same-origin ones are not', async ({ page, context, baseURL }) => {
  await signIn(page);
  const cookie = await sessionCookieValue(context);
  for (const origin of forgedOrigins) {
    // What a fetch-style Server Action call looks like, with a made-up action id.
    const action = await fetchWithCookie(`${baseURL}/security`, cookie, {
      method: 'POST',
      headers: { origin, 'next-action': '7f00000000000000000000000000000000000000', 'content-type': 'text/plain;charset=UTF-8' },
      body: '[]',
    });
    expect(action.status, `Server Action from ${origin}`).toBe(403);
    // A no-JavaScript form post (what an attacker's auto-submitting form sends).
    const form = await fetchWithCookie(`${baseURL}/security/password`, cookie, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'current=x&password=attacker-chosen-password-1&confirm=attacker-chosen-password-1',
    });
    expect(form.status, `form post from ${origin}`).toBe(403);
    const api = await fetchWithCookie(`${baseURL}/api/me`, cookie, { method: 'POST', headers: { origin } });
    expect(api.status, `route handler from ${origin}`).toBe(403);
  }
  // The same request from the app's own origin passes the check (Next then finds no such action).
  const sameOrigin = await fetchWithCookie(`${baseURL}/security`, cookie, {
    method: 'POST',
    headers: { origin: baseURL!, 'next-action': '7f00000000000000000000000000000000000000', 'content-type': 'text/plain;charset=UTF-8' },
    body: '[]',
  });
  expect(sameOrigin.status).not.toBe(403);
  // …and the session is untouched by all of it.
  expect((await fetchWithCookie(`${baseURL}/api/me`, cookie)).status).toBe(200);
});

// Issue 19: a browser that leaves Origin out (a privacy extension, an older
// browser's form post) still says who started the request in Sec-Fetch-Site.
test('a Server Action, form post or route-handler POST with no Origin but Sec-Fetch-Site: cross-site is refused with 403', async ({ page, context, baseURL }) => {
  await signIn(page);
  const cookie = await sessionCookieValue(context);
  for (const site of ['cross-site', 'same-site']) {
    const action = await fetchWithCookie(`${baseURL}/security`, cookie, {
      method: 'POST',
      headers: { 'sec-fetch-site': site, 'next-action': '7f00000000000000000000000000000000000000', 'content-type': 'text/plain;charset=UTF-8' },
      body: '[]',
    });
    expect(action.status, `Server Action, Sec-Fetch-Site: ${site}`).toBe(403);
    const form = await fetchWithCookie(`${baseURL}/security/password`, cookie, {
      method: 'POST',
      headers: { 'sec-fetch-site': site, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'current=x&password=attacker-chosen-password-1&confirm=attacker-chosen-password-1',
    });
    expect(form.status, `form post, Sec-Fetch-Site: ${site}`).toBe(403);
    const api = await fetchWithCookie(`${baseURL}/api/me`, cookie, { method: 'POST', headers: { 'sec-fetch-site': site } });
    expect(api.status, `route handler, Sec-Fetch-Site: ${site}`).toBe(403);
  }
  expect((await fetchWithCookie(`${baseURL}/api/me`, cookie)).status).toBe(200);
});
