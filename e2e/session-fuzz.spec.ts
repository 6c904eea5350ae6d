// 1,000 malformed, tampered and oversized cookie values: never a 5xx, never in.
import { cookieMutations } from '../scripts/lib/fuzz-inputs.ts';
import { expect, test } from './support/fixtures.ts';
import { fetchWithCookie, sessionCookieValue, signIn } from './support/session.ts';

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
      batch.map((value, j) => fetchWithCookie(`${baseURL}${(i + j) % 2 ? '/api/accounts' : '/dashboard'}`, value)),
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
